package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;

/** Same preset and seed in another JVM ⇒ the same losses and accuracies, bit for bit. */
class DeterminismAcrossJvmsTest {

    /** Runs the synthetic experiment and returns a fingerprint of every loss and accuracy it produced. */
    static String fingerprint() {
        ExperimentPreset preset = Synthetic.preset(MethodSpec.of("plain", 0), MethodSpec.of("ewc", 1000),
                MethodSpec.of("l2", 1)).withFisher(new ExperimentPreset.FisherSpec("sampled", "per-sample", 0,
                        null, null, null));
        StringBuilder sb = new StringBuilder();
        try (ExperimentSession s = ExperimentSession.open(preset, Synthetic.tasks())) {
            s.runExperiment(new RunControl(), e -> {
                if (e instanceof LabEvent.StepMetrics m) {
                    sb.append(m.crossEntropy()).append(',').append(m.penalty()).append(';');
                } else if (e instanceof LabEvent.TaskFinished t) {
                    sb.append(java.util.Arrays.toString(t.accuracyRow()));
                }
            });
        }
        return Integer.toHexString(sb.toString().hashCode()) + "/" + sb.length();
    }

    public static void main(String[] args) {
        System.out.println("FINGERPRINT " + fingerprint());
        System.exit(0);
    }

    @Test
    void garbageCollectionDoesNotChangeTheNumbers() throws Exception {
        // DJL's mul/div(Number) free their scalar while autograd still holds it; under frequent collection that made
        // gradients read freed memory. A collection storm beside training must not change a single bit.
        String quiet = fingerprint();
        Thread storm = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        storm.setDaemon(true);
        storm.start();
        try {
            assertEquals(quiet, fingerprint());
        } finally {
            storm.interrupt();
            storm.join();
        }
    }

    @Test
    void anotherJvmComputesTheSameNumbers() throws Exception {
        String here = fingerprint();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                DeterminismAcrossJvmsTest.class.getName())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        String there = output.lines().filter(l -> l.startsWith("FINGERPRINT ")).map(l -> l.substring(12))
                .findFirst().orElseThrow(() -> new AssertionError(output));
        assertEquals(here, there);
    }
}
