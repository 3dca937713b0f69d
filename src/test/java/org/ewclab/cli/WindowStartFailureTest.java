package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

/** The window's start failure is told as what is missing and how to get it, from the exception chain alone. */
class WindowStartFailureTest {
    private static final String TAIL = " The headless commands need no window: java -jar target/ewc-lab.jar inspect"
            + " FILE… | run PRESET.json | bench (see --help).";

    /** What the launcher catches: reflection's wrapper around JavaFX's own exception. */
    private static Throwable wrapped(Throwable javafx) {
        return new InvocationTargetException(javafx);
    }

    @Test
    void noDisplayIsToldAsNoDisplayWithTheWayOut() {
        // what JavaFX 21 throws on Linux with DISPLAY unset (seen from java -jar with DISPLAY=)
        Throwable t = wrapped(new UnsupportedOperationException("Unable to open DISPLAY"));
        assertEquals("EWC Lab: no display found: DISPLAY is not set (run it on a desktop, or set DISPLAY, e.g. ssh -X"
                + " or xvfb-run java -jar target/ewc-lab.jar)." + TAIL, WindowStartFailure.explain(t, "", "Linux"));
        assertEquals("EWC Lab: cannot open the display DISPLAY=:7: check that the X server is running and that you"
                + " may use it." + TAIL, WindowStartFailure.explain(t, ":7", "Linux"));
    }

    @Test
    void aMissingGtkIsToldWithThePackageToInstall() {
        Throwable t = wrapped(new RuntimeException(new UnsupportedOperationException(
                "Unable to load glass GTK library.")));
        String m = WindowStartFailure.explain(t, ":0", "Linux");
        assertEquals("EWC Lab: JavaFX needs the GTK 3 library, which this system lacks: install libgtk-3-0"
                + " (Debian/Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3)." + TAIL, m);
        UnsatisfiedLinkError link = new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file");
        assertTrue(WindowStartFailure.explain(wrapped(link), ":0", "Linux").contains("install libgtk-3-0"));
    }

    @Test
    void otherFailuresNameTheirCauseNotTheReflectionWrapper() {
        String pipeline = WindowStartFailure.explain(wrapped(new RuntimeException("No toolkit found",
                new IllegalStateException("Error initializing QuantumRenderer: no suitable pipeline found"))), ":0",
                "Linux");
        assertEquals("EWC Lab: JavaFX found no graphics pipeline to draw with (on Linux it needs GTK 3, libgtk-3-0,"
                + " and a display): Error initializing QuantumRenderer: no suitable pipeline found." + TAIL, pipeline);
        String missing = WindowStartFailure.explain(new ClassNotFoundException("javafx.application.Application"),
                null, "Linux");
        assertTrue(missing.startsWith("EWC Lab: the JavaFX libraries are missing (javafx.application.Application)"),
                missing);
        String other = WindowStartFailure.explain(wrapped(new IllegalStateException("Toolkit already running")),
                ":0", "Mac OS X");
        assertEquals("EWC Lab: cannot start the window: IllegalStateException: Toolkit already running." + TAIL, other);
        for (String m : new String[] {pipeline, missing, other}) {
            assertFalse(m.contains("InvocationTargetException"), m);
            assertFalse(m.contains("\n"), "one line: " + m);
        }
    }

    @Test
    void onlyJavaFxsClasspathWarningIsFilteredOut() {
        assertTrue(Main.isClasspathWarning("Unsupported JavaFX configuration: classes were loaded from 'unnamed module"
                + " @69eee410'"));
        assertFalse(Main.isClasspathWarning("Could not find stylesheet: lab.css"));
        assertFalse(Main.isClasspathWarning(null));
    }
}
