package org.ewclab.cli;

import org.ewclab.i18n.Texts;

/**
 * Entry point for both the window and the headless commands. It does not extend {@code Application}, so a plain
 * classpath launch ({@code java -jar target/ewc-lab.jar}) works without the JavaFX module path.
 */
public final class Main {
    /**
     * JavaFX logs "Unsupported JavaFX configuration: classes were loaded from 'unnamed module …'" on its "javafx"
     * logger at every classpath start (the jar runs from the classpath so that it needs no --module-path). The lab is
     * built and tested in exactly this configuration, so that one message is filtered out; every other record of
     * that logger, and of its children (javafx.css, javafx.scene…), still shows. Held in a field: a
     * java.util.logging logger without a strong reference can be collected and lose its filter.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private Main() {
    }

    public static void main(String[] args) {
        Integer relaunched = MallocTuning.relaunch(args); // on Linux: once more, with malloc keeping large blocks
        if (relaunched != null) {
            System.exit(relaunched);
        }
        Offline.enforce();
        String[] rest = Commands.applyLanguage(args, System.err);
        if (rest == null) {
            System.exit(2);
        }
        if (rest.length == 0) {
            if (args.length > 0) {
                System.setProperty("ewclab.lang", Texts.locale().toLanguageTag()); // --lang beats the remembered one
            }
            launchGui(rest);
            return;
        }
        System.exit(Commands.run(rest, System.out, System.err));
    }

    static boolean isClasspathWarning(String message) {
        return message != null && message.startsWith("Unsupported JavaFX configuration: classes were loaded from");
    }

    private static void launchGui(String[] args) {
        JAVAFX_LOG.setFilter(r -> !isClasspathWarning(r.getMessage()));
        try {
            // Reflection keeps the cli package free of javafx imports (the layering rule of DESIGN.md).
            Class.forName("org.ewclab.ui.LabApp").getMethod("launchApp", String[].class).invoke(null, (Object) args);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println(WindowStartFailure.explain(e, System.getenv("DISPLAY"), System.getProperty("os.name")));
            System.exit(1);
        }
    }
}
