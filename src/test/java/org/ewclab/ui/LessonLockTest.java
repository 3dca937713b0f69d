package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.UiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's fixed values hold in the view model, whatever the window sends; its flags survive Reset and Train A. */
class LessonLockTest {
    private static final Executor INLINE = Runnable::run;

    static String lesson(String ui) {
        return LabViewModelTest.TINY.trim().replaceFirst("}\\s*$", ", \"ui\": " + ui + "}");
    }

    @TempDir
    Path dir;

    private LabViewModel open(String ui) {
        LabViewModel vm = new LabViewModel(INLINE, INLINE);
        vm.open(ExperimentPreset.parse(lesson(ui)), dir).join();
        return vm;
    }

    @Test
    void aFixedLambdaStaysAtTheLessonsValue() {
        LabViewModel vm = open("{\"fixed\": [\"lambda\"]}");
        assertEquals(100, vm.lambdaProperty().get(), "the TINY lesson's EWC λ");
        vm.lambdaProperty().set(5e6);
        assertEquals(100, vm.lambdaProperty().get(), "a student cannot move a fixed λ");
        assertEquals(100, vm.currentMethod().lambdaOrZero());
        vm.methodProperty().set(ExperimentPreset.L2);
        vm.lambdaProperty().set(3);
        assertEquals(vm.lambdaProperty().get(), vm.currentMethod().lambdaOrZero());
        assertTrue(vm.lambdaProperty().get() != 3, "L2's λ is the lesson's too");
    }

    @Test
    void aFreeLambdaMoves() {
        LabViewModel vm = open("{\"hide\": [\"lambda\"]}");
        vm.lambdaProperty().set(5e6);
        assertEquals(5e6, vm.currentMethod().lambdaOrZero(), "hiding is not fixing");
    }

    @Test
    void aFixedMethodStays() {
        LabViewModel vm = open("{\"fixed\": [\"method\"]}");
        assertEquals("ewc", vm.methodProperty().get());
        vm.methodProperty().set(ExperimentPreset.PLAIN);
        assertEquals("ewc", vm.methodProperty().get());
    }

    @Test
    void aFixedModelRefusesEditsButOtherPartsChange() {
        LabViewModel vm = open("{\"fixed\": [\"model\"]}");
        ExperimentPreset before = vm.preset();
        vm.edit(before.withModel(new ExperimentPreset.ModelSpec("mlp", List.of(32), null, false, null, null))).join();
        assertEquals(before.model(), vm.preset().model(), "the model stays the lesson's");
        assertEquals(LabViewModel.Notice.Severity.WARNING, vm.noticeProperty().get().severity());
        assertTrue(vm.noticeProperty().get().text().contains("model"), vm.noticeProperty().get().text());
        vm.edit(before.withSeed(11)).join();
        assertEquals(11, vm.preset().seed());
    }

    @Test
    void flagsSurviveTrainAAndReset() {
        LabViewModel vm = open("{\"hide\": [\"tab.sweep\", \"panel.model\"], \"fixed\": [\"lambda\"]}");
        vm.trainA().join();
        vm.reset();
        assertEquals(List.of("tab.sweep", "panel.model"), vm.preset().ui().hide());
        assertTrue(vm.fixes("lambda"));
        vm.lambdaProperty().set(7);
        assertEquals(100, vm.lambdaProperty().get());
    }

    @Test
    void anotherLessonLiftsTheLocks() {
        LabViewModel vm = open("{\"fixed\": [\"lambda\", \"method\"]}");
        vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir).join();
        assertFalse(vm.fixes("lambda"));
        vm.methodProperty().set(ExperimentPreset.L2);
        vm.lambdaProperty().set(42);
        assertEquals(42, vm.currentMethod().lambdaOrZero());
    }

    @Test
    void savedLessonHoldsTheCurrentLambdaAndTheFlags() {
        LabViewModel vm = open("{\"hide\": []}");
        vm.methodProperty().set(ExperimentPreset.EWC);
        vm.lambdaProperty().set(2500);
        ExperimentPreset saved = vm.lessonToSave(new UiSpec(List.of("tab.matrix"), List.of("lambda"), "小测验", null));
        assertEquals(List.of(MethodSpec.of("plain", 0).method(), "ewc"),
                saved.methods().stream().map(MethodSpec::method).toList());
        assertEquals(2500, saved.methods().get(1).lambdaOrZero());
        assertEquals(List.of("tab.matrix"), saved.ui().hide());
        assertEquals(List.of("lambda"), saved.ui().fixed());
        ExperimentPreset reread = ExperimentPreset.parse(saved.toJson());
        assertEquals(saved, reread);
        LabViewModel student = new LabViewModel(INLINE, INLINE);
        student.open(reread, dir).join();
        assertEquals(2500, student.lambdaProperty().get(), "the lesson opens at the teacher's λ");
        student.lambdaProperty().set(1);
        assertEquals(2500, student.lambdaProperty().get(), "and keeps it");
    }
}
