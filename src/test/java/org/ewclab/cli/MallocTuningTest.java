package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MallocTuningTest {
    @TempDir
    Path home;

    private Path fakeJava() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return java;
    }

    @Test
    void relaunchesTheSameProgramWithItsOptionsAndArguments() throws Exception {
        Path java = fakeJava();
        List<String> cmd = MallocTuning.command("Linux", Map.of(), null, home.toString(),
                List.of("-Xmx2g", "-Dai.djl.offline=true", "-agentlib:jdwp=transport=dt_socket"), "target/ewc-lab.jar",
                null, new String[] {"run", "examples/toy-2d.json", "--charts"});
        assertEquals(List.of(java.toString(), "-Xmx2g", "-Dai.djl.offline=true", "-Dewclab.relaunch=false", "-cp",
                "target/ewc-lab.jar", "org.ewclab.cli.Main", "run", "examples/toy-2d.json", "--charts"), cmd,
                "same JVM options (no second debugger agent), the jar as class path, the same arguments");
    }

    @Test
    void doesNotRelaunchWhereItWouldNotHelpOrCannot() throws Exception {
        fakeJava();
        String h = home.toString();
        String[] none = {};
        assertNull(MallocTuning.command("Linux", Map.of("MALLOC_MMAP_THRESHOLD_", "1"), null, h, List.of(), "a.jar",
                null, none), "the user set it already (or this is the relaunched child)");
        assertNull(MallocTuning.command("Linux", Map.of(), "false", h, List.of(), "a.jar", null, none),
                "-Dewclab.relaunch=false");
        assertNull(MallocTuning.command("Mac OS X", Map.of(), null, h, List.of(), "a.jar", null, none),
                "glibc only");
        assertNull(MallocTuning.command("Linux", Map.of(), null, h, List.of(), "a.jar", "ewclab/org.ewclab.cli.Main",
                none), "a launch by module is left alone");
        assertNull(MallocTuning.command("Linux", Map.of(), null, home.resolve("no-runtime").toString(), List.of(),
                "a.jar", null, none), "no bin/java (a jpackage image strips it)");
    }
}
