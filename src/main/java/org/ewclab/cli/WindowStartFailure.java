package org.ewclab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why the window could not start, for a person: the launcher gets JavaFX's failure wrapped in reflection's
 * InvocationTargetException, whose own text says nothing. This walks the cause chain and names what is missing and how
 * to get it (a display, the GTK 3 library, a graphics pipeline, the JavaFX jars), and always points to the headless
 * commands, which need none of them. A pure function of the exception chain, so it is tested without starting JavaFX.
 */
final class WindowStartFailure {
    static final String HEADLESS = "the headless commands need no window: java -jar target/ewc-lab.jar inspect FILE…"
            + " | run PRESET.json | bench (see --help)";

    private WindowStartFailure() {
    }

    /**
     * The message for a failed window start.
     *
     * @param failure what the launch threw (any wrapping)
     * @param display the DISPLAY environment variable (null or blank when not set)
     * @param os the os.name system property
     */
    static String explain(Throwable failure, String display, String os) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String all = String.join(" | ", chain.stream().map(t -> t.getClass().getName() + ": " + t.getMessage())
                .toList());
        String lower = all.toLowerCase(Locale.ROOT);
        boolean linux = os != null && os.toLowerCase(Locale.ROOT).contains("linux");
        String what;
        if (lower.contains("gtk")) {
            what = "JavaFX needs the GTK 3 library, which this system lacks: install libgtk-3-0 (Debian/Ubuntu:"
                    + " sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3)";
        } else if (lower.contains("display") || lower.contains("headlessexception")) {
            what = display == null || display.isBlank()
                    ? "no display found: DISPLAY is not set (run it on a desktop, or set DISPLAY, e.g. ssh -X or"
                            + " xvfb-run java -jar target/ewc-lab.jar)"
                    : "cannot open the display DISPLAY=" + display + ": check that the X server is running and"
                            + " that you may use it";
        } else if (lower.contains("no toolkit found") || lower.contains("quantumrenderer")
                || lower.contains("pipeline")) {
            what = "JavaFX found no graphics pipeline to draw with" + (linux ? " (on Linux it needs GTK 3,"
                    + " libgtk-3-0, and a display)" : "") + ": " + root(chain).getMessage();
        } else if (lower.contains("classnotfoundexception") || lower.contains("noclassdeffounderror")) {
            what = "the JavaFX libraries are missing (" + root(chain).getMessage() + "): build with ./mvnw package"
                    + " -DskipTests and start target/ewc-lab.jar with its target/lib folder beside it";
        } else {
            Throwable r = root(chain);
            what = "cannot start the window: " + r.getClass().getSimpleName()
                    + (r.getMessage() != null ? ": " + r.getMessage() : "");
        }
        return "EWC Lab: " + what + ". " + Character.toUpperCase(HEADLESS.charAt(0)) + HEADLESS.substring(1) + ".";
    }

    /** The innermost cause that says something (reflection wrappers say nothing). */
    private static Throwable root(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).getMessage() != null) {
                return chain.get(i);
            }
        }
        return chain.get(chain.size() - 1);
    }
}
