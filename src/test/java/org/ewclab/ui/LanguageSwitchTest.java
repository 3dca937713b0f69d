package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View → Language rebuilds the window in the other language at once and keeps what was trained. */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchTest {
    /** A key shown raw: Texts shows a missing key as "[key]"; a bare "a.b" word is a key that was never looked up. */
    private static final Pattern RAW_KEY = Pattern.compile("\\[[a-z]+(\\.[A-Za-z0-9-]+)+\\]|^[a-z]+(\\.[A-Za-z0-9-]+)+$");

    @TempDir
    Path dir;
    private ExecutorService trainer;
    private LabViewModel vm;
    private volatile LabWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LabSettings.use(Preferences.userRoot().node("org/ewclab/lab-test-language"));
        Texts.setLocale(Locale.ENGLISH);
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        window.setOnReplaced(w -> window = w);
        stage.setScene(window.createScene(1280, 720));
        stage.show();
    }

    @AfterEach
    void english() throws Exception {
        vm.stop();
        trainer.shutdownNow();
        Texts.setLocale(Locale.ENGLISH);
        LabSettings.node().removeNode();
        LabSettings.use(Preferences.userRoot().node(System.getProperty("ewclab.prefs", "org/ewclab/lab")));
    }

    @Test
    void switchingToChineseRelabelsTheWindowAndKeepsTaskA(FxRobot robot) throws Exception {
        Platform.runLater(() -> vm.open(ExperimentPreset.parse(LabViewModelTest.TINY), dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.preset() != null
                && vm.phase() == LabViewModel.Phase.NO_TASK_A);
        robot.clickOn("#trainA");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.phase() == LabViewModel.Phase.READY);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.charts().view(ChartsPane.ACCURACY).getPlot()
                != null);
        assertEquals("Digits, then clothes", menuItem(robot, "lesson-mnist-fashion").getText());
        assertEquals("Train A", robot.lookup("#trainA").queryButton().getText());
        assertEquals("Accuracy on every task (the forgetting curve)",
                window.charts().view(ChartsPane.ACCURACY).getPlot().title());
        assertNoRawKey(window);
        var checkpointLog = vm.log().version();
        LabWindow before = window;

        Platform.runLater(() -> window.switchLanguage(Texts.ZH_CN));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window != before);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.charts().view(ChartsPane.ACCURACY).getPlot()
                != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertSame(window.root(), stage.getScene().getRoot(), "the new window is what the stage shows");
        assertEquals("训练 A", robot.lookup("#trainA").queryButton().getText());
        assertEquals("训练 B", robot.lookup("#trainB").queryButton().getText());
        assertEquals("全部比较", robot.lookup("#compareAll").queryButton().getText());
        assertEquals("更多…", ((javafx.scene.control.MenuButton) robot.lookup("#more-methods").query()).getText(),
                "the method chooser speaks Chinese too");
        assertEquals("回放", MethodCatalog.label("replay"), "a method beyond the lesson's four has its Chinese name");
        assertTrue(MethodCatalog.tip("si").contains("费舍尔信息"), MethodCatalog.tip("si"));
        assertTrue(MethodCatalog.others(null, "memory").values().stream().anyMatch(l -> l.contains("replay")),
                "an English search word still finds replay in Chinese");
        TabPane tabs = (TabPane) robot.lookup(".tab-pane").query();
        assertEquals(List.of("课程", "λ 扫描", "准确率矩阵", "损失地形"), tabs.getTabs().stream().map(Tab::getText).toList());
        assertEquals("费舍尔信息", ((TitledPane) robot.lookup("#fisherPane").query()).getText());
        assertEquals("各任务的准确率（遗忘曲线）",
                window.charts().view(ChartsPane.ACCURACY).getPlot().title(), "the chart is drawn again in Chinese");
        assertEquals(Texts.get("chart.accuracy.title"), window.charts().view(ChartsPane.ACCURACY).getPlot().title());
        assertTrue(vm.statusProperty().get().startsWith("任务 A 已训练"), vm.statusProperty().get());
        assertEquals("zh-CN", LabSettings.node().get("language", null), "the choice is remembered");
        assertEquals("先数字，后服饰", menuItem(robot, "lesson-mnist-fashion").getText(),
                "the Lessons menu lists titles, in the lesson's Chinese when there is one");
        assertTrue(LabWindow.helpText().contains("术语表") || LabWindow.helpText().contains("灾难性遗忘"));

        // nothing trained was lost: task A is still there and Train B is ready from it
        assertEquals(LabViewModel.Phase.READY, vm.phase());
        assertFalse(robot.lookup("#trainB").queryButton().isDisabled());
        assertTrue(vm.log().version() >= checkpointLog);
        assertNoRawKey(window);

        Platform.runLater(() -> window.switchLanguage(Locale.ENGLISH));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Train A", robot.lookup("#trainA").queryButton().getText());
        assertEquals("Accuracy matrix", ((TabPane) robot.lookup(".tab-pane").query()).getTabs().get(2).getText());
    }

    private static MenuItem menuItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").query();
        List<MenuItem> all = new ArrayList<>();
        bar.getMenus().forEach(m -> flatten(m, all));
        return all.stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private static void flatten(MenuItem item, List<MenuItem> out) {
        out.add(item);
        if (item instanceof Menu m) {
            m.getItems().forEach(i -> flatten(i, out));
        }
    }

    /** Every text of every control, menu item, tab and tooltip of the window is a text, never a key. */
    private static void assertNoRawKey(LabWindow w) throws Exception {
        List<String> texts = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> collect(w.root(), texts)).get(5, TimeUnit.SECONDS);
        assertTrue(texts.size() > 60, "the walk saw the window: " + texts.size() + " texts");
        for (String t : texts) {
            assertFalse(RAW_KEY.matcher(t.trim()).find(), "a raw key is shown: " + t);
        }
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Control c && c.getTooltip() != null) {
            out.add(c.getTooltip().getText());
        }
        if (n instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                out.add(t.getText());
                if (t.getContent() != null) {
                    collect(t.getContent(), out);
                }
            }
        }
        if (n instanceof TitledPane tp && tp.getContent() != null) {
            collect(tp.getContent(), out);
        }
        if (n instanceof MenuBar mb) {
            mb.getMenus().forEach(m -> collectItems(m, out));
        }
        if (n instanceof MenuButton mb) {
            mb.getItems().forEach(m -> collectItems(m, out));
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    private static void collectItems(MenuItem item, List<String> out) {
        assertNotNull(item);
        if (item.getText() != null) {
            out.add(item.getText());
        }
        if (item instanceof Menu m) {
            m.getItems().forEach(i -> collectItems(i, out));
        }
    }
}
