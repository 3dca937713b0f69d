package org.ewclab.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the lab again with glibc's malloc told to keep large blocks in its heap ({@code MALLOC_MMAP_THRESHOLD_},
 * {@code MALLOC_TRIM_THRESHOLD_}), on Linux, when the user has not set them.
 *
 * <p>Why: libtorch allocates its tensors with the C library. glibc serves blocks above its mmap threshold (128 KiB,
 * rising by itself up to 32 MiB) with a fresh mmap that the kernel zero-fills page by page, and unmaps them on free.
 * The loss landscape's grid makes tensors of tens of MB per grid row, so it paid those page faults row after row:
 * {@code run examples/mnist-fashion.json --charts} on an idle 2-core machine computed the 41×41 grid in 3.4, 8.7, 10.7,
 * 11.7 and 12.8 s, and in 2.5, 2.5, 2.6, 3.1 and 3.9 s with the two variables set (the grid's budget is 3 s). The variables can only be set before
 * a process starts, so {@link Main} relaunches itself once with them (the same JVM, JVM options, class path and
 * arguments, its input and output inherited) and exits with the child's status. Nothing is relaunched when either
 * variable is set already, with {@code -Dewclab.relaunch=false}, on another system, for a launch by module, or where
 * the runtime has no {@code bin/java} (the jpackage app image strips it); the lab then runs in this process as before.
 */
final class MallocTuning {
    static final String MMAP = "MALLOC_MMAP_THRESHOLD_";
    static final String TRIM = "MALLOC_TRIM_THRESHOLD_";
    /** 1 GiB: every tensor the lab makes stays in the heap; freed memory is kept for the next step or grid row. */
    static final String VALUE = Long.toString(1L << 30);

    private MallocTuning() {
    }

    /**
     * The command that starts the same program again, or null when it should not (see the class comment).
     *
     * @param javaHome   {@code java.home}
     * @param jvmOptions the JVM's input arguments (-D…, -X…, --module-path …)
     * @param classPath  {@code java.class.path} (the jar itself for {@code java -jar})
     * @param moduleMain {@code jdk.module.main}, non-null for a launch by module
     */
    static List<String> command(String osName, Map<String, String> env, String relaunchProperty, String javaHome,
            List<String> jvmOptions, String classPath, String moduleMain, String[] args) {
        if (osName == null || !osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || env.containsKey(MMAP) || env.containsKey(TRIM) || "false".equals(relaunchProperty)
                || moduleMain != null || classPath == null || classPath.isBlank() || javaHome == null) {
            return null;
        }
        Path java = Path.of(javaHome, "bin", "java");
        if (!Files.isExecutable(java)) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        for (String o : jvmOptions) {
            // a debugger's or profiler's agent would attach twice (and fight over its port)
            if (!o.startsWith("-agentlib:") && !o.startsWith("-javaagent:") && !o.startsWith("-Xrunjdwp")) {
                cmd.add(o);
            }
        }
        cmd.add("-Dewclab.relaunch=false");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs the program again with the tuned malloc and returns its exit status, or null if it was not relaunched
     * (then the caller goes on in this process).
     */
    static Integer relaunch(String[] args) {
        List<String> cmd;
        try {
            cmd = command(System.getProperty("os.name"), System.getenv(), System.getProperty("ewclab.relaunch"),
                    System.getProperty("java.home"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path"), System.getProperty("jdk.module.main"), args);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
        if (cmd == null) {
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(MMAP, VALUE);
        pb.environment().put(TRIM, VALUE);
        pb.directory(new File(System.getProperty("user.dir")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return null; // could not start it: run here, untuned
        }
        // Ctrl+C reaches both (one process group); a kill of this one alone takes the child with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (p.isAlive()) {
                p.destroy();
            }
        }));
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            return 130;
        }
    }
}
