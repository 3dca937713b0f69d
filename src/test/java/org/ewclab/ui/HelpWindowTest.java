package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.ewclab.export.GuideCharts;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** F1 opens the illustrated guide: a picture beside each chart's words, the shortcuts, the glossary, both languages. */
@ExtendWith(ApplicationExtension.class)
class HelpWindowTest {
    private ExecutorService trainer;
    private LabViewModel vm;
    private LabWindow window;

    @Start
    void start(Stage stage) {
        LabSettings.use(Preferences.userRoot().node("org/ewclab/lab-test-help"));
        Texts.setLocale(Locale.ENGLISH);
        trainer = LabApp.trainerThread();
        vm = new LabViewModel(trainer, Platform::runLater);
        window = new LabWindow(vm, stage);
        window.setOnReplaced(w -> window = w);
        stage.setScene(window.createScene(1280, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        Platform.runLater(() -> {
            if (window.helpStage() != null) {
                window.helpStage().close();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Texts.setLocale(Locale.ENGLISH);
        vm.stop();
        trainer.shutdownNow();
        LabSettings.node().removeNode();
        LabSettings.use(Preferences.userRoot().node(System.getProperty("ewclab.prefs", "org/ewclab/lab")));
    }

    private Stage pressF1(FxRobot robot) throws Exception {
        robot.clickOn("#trainA").type(KeyCode.ESCAPE); // focus the lab window (the button is disabled until a lesson)
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.helpStage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return window.helpStage();
    }

    private static List<String> labels(Node root) {
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    /** Pixels whose channels differ by more than 60 (a colour, not white, grey or black). */
    static int colouredPixels(Image img) {
        PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int argb = r.getArgb(x, y);
                int red = argb >> 16 & 0xff;
                int green = argb >> 8 & 0xff;
                int blue = argb & 0xff;
                if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels darker than near-white: ink of any colour (text, axes, bars). */
    static int inkPixels(Image img) {
        PixelReader r = img.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int argb = r.getArgb(x, y);
                if ((argb >> 16 & 0xff) + (argb >> 8 & 0xff) + (argb & 0xff) < 3 * 200) {
                    n++;
                }
            }
        }
        return n;
    }

    private void assertGuide(Stage help, String chartsTitle, String glossaryTitle, List<String> mustName) {
        Node root = help.getScene().getRoot();
        assertNotNull(root.lookup("#helpCharts"));
        assertNotNull(root.lookup("#helpShortcuts"));
        assertNotNull(root.lookup("#helpGlossary"));
        List<String> words = labels(root);
        assertTrue(words.contains(chartsTitle), "section " + chartsTitle + " in " + words);
        assertTrue(words.contains(glossaryTitle), "section " + glossaryTitle);
        for (String s : mustName) {
            assertTrue(words.stream().anyMatch(w -> w.contains(s)), "the guide names " + s);
        }
        int pictures = 0;
        int colourful = 0;
        for (Node n : root.lookupAll(".help-picture")) {
            Image img = ((ImageView) n).getImage();
            assertEquals(2 * HelpWindow.PICTURE_WIDTH, img.getWidth(), "drawn at 2× for sharp screens");
            int ink = inkPixels(img);
            assertTrue(ink > 0.02 * img.getWidth() * img.getHeight(), n.getId() + ": only " + ink + " ink pixels");
            pictures++;
            if (colouredPixels(img) > 400) {
                colourful++;
            }
            // the picture sits beside its chart's words
            assertTrue(((javafx.scene.layout.HBox) n.getParent()).getChildren().size() == 2, n.getId());
        }
        assertEquals(GuideCharts.KEYS.size(), pictures, "one picture per chart");
        assertTrue(colourful >= 4, "method colours and the importance map show: " + colourful);
        assertEquals(GuideCharts.KEYS.size(), HelpWindow.lines("help.charts").size(),
                "one help line per picture");
        snapshot(help, chartsTitle.equals("Charts") ? "en" : "zh");
    }

    /**
     * With -Dewclab.helpScreenshot=DIR, the whole guide (scrolled content, not just the window) as DIR/help-LANG.png:
     * the way to look at every section of it.
     */
    private static void snapshot(Stage help, String lang) {
        String dir = System.getProperty("ewclab.helpScreenshot");
        if (dir == null) {
            return;
        }
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        Platform.runLater(() -> img[0] = help.getScene().getRoot().lookup("#helpContent").snapshot(null, null));
        WaitForAsyncUtils.waitForFxEvents();
        int w = (int) img[0].getWidth();
        int h = (int) img[0].getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img[0].getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        try {
            javax.imageio.ImageIO.write(out, "png", java.nio.file.Path.of(dir, "help-" + lang + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void f1OpensTheIllustratedGuideInEnglishThenChinese(FxRobot robot) throws Exception {
        Stage en = pressF1(robot);
        assertEquals("EWC Lab — guide", en.getTitle());
        assertGuide(en, "Charts", "Glossary", List.of("Ctrl+E", "Ctrl+Q", "F5", "F11", "Ctrl+ + / Ctrl+ −",
                "Fisher information F", "λ", "Forgetting", "BWT (backward transfer)", "Class-incremental",
                "Accuracy (the forgetting curve)"));
        assertTrue(en.getOwner() != null && !en.getModality().equals(javafx.stage.Modality.APPLICATION_MODAL),
                "a window beside the lab, not a modal dialog");
        assertTrue(labels(en.getScene().getRoot()).containsAll(List.of("Task-incremental", "Domain-incremental",
                "Class-incremental")), "each scenario is a glossary term of its own");
        Platform.runLater(en::close);
        WaitForAsyncUtils.waitForFxEvents();

        Platform.runLater(() -> window.switchLanguage(Texts.ZH_CN));
        WaitForAsyncUtils.waitForFxEvents();
        Stage zh = pressF1(robot);
        assertEquals("EWC Lab — 指南", zh.getTitle());
        assertGuide(zh, "图表", "术语表", List.of("Ctrl+E", "Ctrl+Q", "F5", "F11", "费舍尔信息", "λ",
                "灾难性遗忘", "类别增量"));
        assertTrue(labels(zh.getScene().getRoot()).containsAll(List.of("任务增量", "领域增量", "类别增量")));
    }
}
