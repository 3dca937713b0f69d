package org.ewclab.cli;

/**
 * Entry point for both the window and the headless commands. It does not extend {@code Application}, so a plain
 * classpath launch ({@code java -jar target/ewc-lab.jar}) works without the JavaFX module path.
 */
public final class Main {
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
        try {
            // Reflection keeps the cli package free of javafx imports (the layering rule of DESIGN.md).
            Class.forName("org.ewclab.ui.LabApp").getMethod("launchApp", String[].class).invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            System.err.println("EWC Lab: cannot start the window: " + e);
            System.exit(1);
        }
    }
}
