package org.ewclab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ewclab.data.DatasetFiles;
import org.ewclab.data.DatasetFormatException;
import org.ewclab.data.TaskData;
import org.ewclab.data.TaskLoader;
import org.ewclab.data.TaskSpec;
import org.ewclab.data.TaskSpecException;
import org.ewclab.engine.ExperimentPreset.MethodSpec;
import org.ewclab.engine.ExperimentPreset.OptimizerSpec;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine and data layers tell the user follows the chosen language (the window's View → Language, the
 * CLI's --lang): Chinese with Chinese selected, still naming the field, the file, λ and θ*; English unchanged
 * otherwise. The expected texts are written out by hand from the two bundles.
 */
class ProblemMessagesLanguageTest {
    private static final String TASKS = "\"tasks\": [{\"name\": \"a\", \"dataset\": \"mnist\"}, "
            + "{\"name\": \"b\", \"dataset\": \"fashion\"}]";
    private static final ExperimentPreset PRESET = Synthetic.preset(MethodSpec.of("ewc", 100));
    private static TaskCheckpoint checkpoint;

    @BeforeAll
    static void trainTaskA() {
        Texts.setLocale(Locale.ENGLISH);
        try (ExperimentSession s = ExperimentSession.open(PRESET, Synthetic.tasks())) {
            checkpoint = s.trainFirstTask(new RunControl(), e -> { });
        }
    }

    @AfterEach
    void english() {
        Texts.setLocale(Locale.ENGLISH);
    }

    private static String presetError(String json) {
        return assertThrows(PresetException.class, () -> ExperimentPreset.parse(json)).getMessage();
    }

    @Test
    void aBadPresetIsToldInTheLanguageAndStillNamesTheField() {
        String batch = "{" + TASKS + ", \"training\": {\"batchSize\": 0}}";
        String method = "{" + TASKS + ", \"methods\": [{\"method\": \"ewk\", \"lambda\": 1}]}";
        String unknown = "{" + TASKS + ", \"optimizer\": {\"lr\": 0.1}}";
        assertEquals("training.batchSize: must be ≥ 1, got 0", presetError(batch));
        Texts.setLocale(Texts.ZH_CN);
        assertEquals("training.batchSize: 必须 ≥ 1，实际为 0", presetError(batch));
        assertEquals("methods[0].method: 未知的 method \"ewk\"（可选：plain, l2, ewc, online-ewc, ewcpp, si, mas,"
                + " lwf, replay, freeze, joint）", presetError(method));
        assertEquals("optimizer.lr: 未知字段（已知字段：type, learningRate, momentum, resetBetweenTasks）", presetError(unknown));
        PresetException e = assertThrows(PresetException.class, () -> ExperimentPreset.parse(batch));
        assertEquals("training.batchSize", e.field(), "the structured field is the same in every language");
        Texts.setLocale(Locale.ENGLISH);
        assertEquals("methods[0].method: unknown method \"ewk\" (plain, l2, ewc, online-ewc, ewcpp, si, mas, lwf,"
                + " replay, freeze, joint)", presetError(method));
    }

    @Test
    void aDivergenceIsExplainedInTheLanguageWithTheSameNumbers() {
        OptimizerSpec sgd = new OptimizerSpec("sgd", 0.1, 0.0, false);
        // lr·λ·maxΣF = 0.1·100·1 = 10 ≥ 2: λ below 2/(0.1·1) = 20, lr below 2/(100·1) = 0.02
        String english = "EWC diverged at step 7: the loss became NaN; lr·λ·max ΣF = 10, above 2 (SGD is stable only"
                + " below 2): each step overshoots θ* further than the last; lower λ below 20 or the learning rate"
                + " below 0.02";
        assertEquals(english, Divergence.message("ewc", sgd, 100, 1, 7, Double.NaN, 5));
        Texts.setLocale(Texts.ZH_CN);
        assertEquals("EWC 在第 7 步发散：损失变为 NaN；lr·λ·max ΣF = 10，高于 2（SGD 只有在低于 2 时才稳定）：每一步都比"
                + "上一步更远地越过 θ*；请把 λ 降到 20 以下，或把学习率降到 0.02 以下",
                Divergence.message("ewc", sgd, 100, 1, 7, Double.NaN, 5));
        OptimizerSpec adam = new OptimizerSpec("adam", 0.001, null, false);
        assertEquals("训练在第 2 步发散：损失变为 NaN；请降低学习率（0.001）",
                Divergence.message("plain", adam, 0, 0, 2, Double.NaN, 0));
        Texts.setLocale(Locale.ENGLISH);
        assertEquals(english, Divergence.message("ewc", sgd, 100, 1, 7, Double.NaN, 5));
    }

    @Test
    void aCheckpointOfOtherDataIsRefusedInTheLanguageNamingBothTasks() {
        TaskData other = TestData.blobs("a", Synthetic.D, 4, 400, 200, 33, 1.0);
        List<TaskData> tasks = List.of(other, Synthetic.tasks().get(1));
        String mine = Synthetic.tasks().get(0).contentHash().substring(0, 8);
        String theirs = other.contentHash().substring(0, 8);
        try (ExperimentSession s = ExperimentSession.open(PRESET, tasks)) {
            Texts.setLocale(Texts.ZH_CN);
            CheckpointMismatchException zh = assertThrows(CheckpointMismatchException.class,
                    () -> s.useCheckpoint(checkpoint));
            assertEquals("此检查点不是本课的任务 A：检查点的任务 A 是 'a'（400 个训练样本，哈希 " + mine + "），而本课的"
                    + "任务 A 是 'a'（400 个训练样本，哈希 " + theirs + "）（同名，但数据不同）", zh.getMessage());
            assertEquals(CheckpointComparison.Aspect.TASK, zh.comparison().differences().get(0).aspect());
            Texts.setLocale(Locale.ENGLISH);
            CheckpointMismatchException en = assertThrows(CheckpointMismatchException.class,
                    () -> s.useCheckpoint(checkpoint));
            assertEquals("this checkpoint is not this lesson's task A: the checkpoint's task A is 'a' (400 training"
                    + " samples, hash " + mine + ") but this lesson's task A is 'a' (400 training samples, hash "
                    + theirs + ") (same name, other data)", en.getMessage());
        }
        Texts.setLocale(Texts.ZH_CN);
        assertEquals("一个 MLP，2 个输入，隐藏层 [8]，输出头分别有 [2, 2] 个类别",
                CheckpointComparison.Layout.describe("fc1.weight[8, 2];fc1.bias[8];head1.weight[2, 8];head1.bias[2];"
                        + "head2.weight[2, 8];head2.bias[2];"));
    }

    @Test
    void aDatasetFormatErrorIsToldInTheLanguageAndStillNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("digits.csv");
        Files.writeString(file, "label,a,b\n\n1,2,3\n\n0,x,4\n", StandardCharsets.UTF_8);
        Texts.setLocale(Texts.ZH_CN);
        DatasetFormatException zh = assertThrows(DatasetFormatException.class, () -> DatasetFiles.readCsv(file));
        assertEquals(file + ": 第 5 行，第 2 列（a）：'x' 不是数字", zh.getMessage());
        assertEquals(file, zh.file());
        Path missing = dir.resolve("nothing.csv");
        assertEquals(missing + ": 文件不存在", assertThrows(DatasetFormatException.class,
                () -> DatasetFiles.readCsv(missing)).getMessage());
        Texts.setLocale(Locale.ENGLISH);
        DatasetFormatException en = assertThrows(DatasetFormatException.class, () -> DatasetFiles.readCsv(file));
        assertEquals(file + ": row 5, column 2 (a): 'x' is not a number", en.getMessage());
    }

    @Test
    void aTaskAskingForAClassTheDatasetLacksIsToldInTheLanguageNamingTheField(@TempDir Path dir) {
        TaskSpec spec = new TaskSpec("digits", "mnist", null, null, null, null, List.of(1, 12), null, null, null, null,
                null, null, null, null, null);
        Texts.setLocale(Texts.ZH_CN);
        TaskSpecException zh = assertThrows(TaskSpecException.class, () -> TaskLoader.load(spec, dir));
        assertEquals("classes: 类别 12 不是 digits 的类别（0..9）", zh.getMessage());
        assertEquals("classes", zh.field());
        Texts.setLocale(Locale.ENGLISH);
        assertEquals("classes: class 12 is not a class of digits (0..9)",
                assertThrows(TaskSpecException.class, () -> TaskLoader.load(spec, dir)).getMessage());
    }
}
