package org.ewclab.cli;

/**
 * Entry point for both the window and the headless commands. It does not extend {@code Application}, so a plain
 * classpath launch ({@code java -jar target/ewc-lab.jar}) works without the JavaFX module path.
 */
public final class Main {
    /**
     * JavaFX logs "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" on every classpath
     * start (the jar runs from the classpath so that it needs no --module-path). The lab is tested in exactly this
     * configuration, so that one logger is kept quiet; its real errors (SEVERE) still show. Held in a field: a
     * java.util.logging logger without a strong reference can be collected and lose its level.
     */
    private static final java.util.logging.Logger JAVAFX_STARTUP =
            java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl");

    private Main() {
    }

    public static void main(String[] args) {
        Offline.enforce();
        if (args.length == 0) {
            launchGui(args);
            return;
        }
        System.exit(Commands.run(args, System.out, System.err));
    }

    private static void launchGui(String[] args) {
        JAVAFX_STARTUP.setLevel(java.util.logging.Level.SEVERE);
        try {
            // Reflection keeps the cli package free of javafx imports (the layering rule of DESIGN.md).
            Class.forName("org.ewclab.ui.LabApp").getMethod("launchApp", String[].class).invoke(null, (Object) args);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println(WindowStartFailure.explain(e, System.getenv("DISPLAY"), System.getProperty("os.name")));
            System.exit(1);
        }
    }
}
