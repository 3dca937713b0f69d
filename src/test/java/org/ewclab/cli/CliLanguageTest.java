package org.ewclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --lang zh-CN}: the table headers, inspect's keys and report.html in Chinese, the numbers unchanged. */
class CliLanguageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void english() {
        Texts.setLocale(Locale.ENGLISH);
    }

    private int run(String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadPresetIsOneChineseLineNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("bad.json");
        Files.writeString(preset, "{\"tasks\": [{\"name\": \"a\", \"toy\": \"moons\"}, {\"name\": \"b\","
                + " \"toy\": \"moons\"}], \"training\": {\"batchSize\": 0}}", StandardCharsets.UTF_8);
        assertEquals(2, run("run", preset.toString(), "--lang", "zh-CN"));
        assertEquals("ewc-lab run: " + preset + ": training.batchSize: 必须 ≥ 1，实际为 0",
                err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(2, run("run", preset.toString(), "--lang", "en"));
        assertEquals("ewc-lab run: " + preset + ": training.batchSize: must be ≥ 1, got 0",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void runTableInChineseWithAlignedColumns(@TempDir Path dir) throws Exception {
        int code = run("run", Path.of("examples/toy-2d.json").toString(), "--out", dir.toString(), "--charts",
                "--lang", "zh-CN");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = Arrays.asList(stdout().split("\\R"));
        String header = lines.stream().filter(l -> l.startsWith("方法")).findFirst()
                .orElseThrow(() -> new AssertionError("no Chinese header in\n" + stdout()));
        assertTrue(header.contains("平均") && header.contains("遗忘") && header.contains("BWT")
                && header.contains("备注"), header);
        assertTrue(lines.get(1).startsWith("moons 训练后："), lines.get(1));
        assertTrue(stdout().contains("（最后一个任务训练后各任务测试集上的准确率；总用时"), stdout());
        // the header's BWT ends in the same terminal column as each run's BWT number
        String ewc = lines.stream().filter(l -> l.startsWith("ewc ")).findFirst().orElseThrow();
        int headerEnd = Texts.columns(header.substring(0, header.indexOf("BWT") + 3));
        String[] cells = ewc.trim().split("\\s+");
        String bwt = cells[6];
        int rowEnd = Texts.columns(ewc.substring(0, ewc.indexOf(" " + bwt + " ") + 1 + bwt.length()));
        assertEquals(rowEnd, headerEnd, header + "\n" + ewc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("个任务"), "progress in Chinese too");

        String report = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(report.contains("<html lang=\"zh-CN\">"), "report language");
        assertTrue(report.contains("<h2 id=\"metrics\">结果</h2>") && report.contains("<th>遗忘</th>"), "report table");
        String svg = Files.readString(dir.resolve("accuracy.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("各任务的准确率（遗忘曲线）"), "chart title in the SVG");
    }

    @Test
    void englishStaysTheDefault() {
        assertEquals(0, run("inspect", "assets/datasets/mnist-test-labels-idx1-ubyte.gz"));
        assertTrue(stdout().contains("  labels   10 classes"), stdout());
    }

    @Test
    void inspectInChinese() {
        assertEquals(0, run("--lang=zh-CN", "inspect", "assets/datasets/mnist-test-labels-idx1-ubyte.gz"));
        assertTrue(stdout().contains("  标签     10 个类别"), stdout());
        assertTrue(stdout().contains("  样本数   2000"), stdout());
    }

    @Test
    void unknownLanguageIsOneLineAndExitTwo() {
        assertEquals(2, run("--lang", "xx", "inspect", "whatever"));
        assertEquals("ewc-lab: --lang: unknown language 'xx' (expected en or zh-CN)",
                err.toString(StandardCharsets.UTF_8).trim());
    }
}
