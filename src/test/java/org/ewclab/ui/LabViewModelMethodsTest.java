package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.MethodKnobs;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window runs the lesson's methods as the lesson states them: knobs kept, every listed run in Compare all. */
class LabViewModelMethodsTest {
    private static final Executor INLINE = Runnable::run;
    private static final String LESSON = LabViewModelTest.TINY.replace(
            "\"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100}]}",
            "\"training\": {\"epochs\": 2, \"batchSize\": 30, \"evalEvery\": 5, \"evalSamples\": 100,"
                    + " \"activeClasses\": \"seen\", \"labelOffset\": \"per-task\"},"
                    + " \"methods\": [{\"method\": \"plain\"}, {\"method\": \"ewc\", \"lambda\": 100},"
                    + " {\"method\": \"ewc\", \"lambda\": 100, \"distill\": 0.5}, {\"method\": \"replay\","
                    + " \"memory\": 20}]}")
            .replace("\"training\": {\"epochs\": 2, \"batchSize\": 30, \"evalEvery\": 5, \"evalSamples\": 100},", "");
    @TempDir
    Path dir;

    @Test
    void compareAllRunsEveryListedRunWithTheShownLambdaForTheChosenMethod() {
        LabViewModel vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(LESSON), dir).join();
        vm.methodProperty().set("ewc");
        vm.lambdaProperty().set(300);
        List<MethodSpec> runs = vm.compareMethods();
        assertEquals(List.of(MethodSpec.of("plain", 0), MethodSpec.of("ewc", 300),
                MethodSpec.of("ewc", 100, MethodKnobs.NONE.withDistill(0.5).withTemperature(2.0)),
                MethodSpec.of("replay", 0, MethodKnobs.NONE.withMemory(20).withRatio(1.0))), runs);
    }

    @Test
    void theLessonsScenarioSurvivesTheWindow() {
        LabViewModel vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(LESSON), dir).join();
        assertEquals("seen", vm.preset().training().activeClasses());
        assertEquals("per-task", vm.preset().training().labelOffset());
    }
}
