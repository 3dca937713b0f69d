package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every bundled lesson has a Chinese title and description, shown when (and only when) the lab speaks Chinese. */
class BundledLessonTextsTest {
    @AfterEach
    void english() {
        Texts.setLocale(Locale.ENGLISH);
    }

    @Test
    void everyBundledLessonSpeaksBothLanguages() {
        for (String name : List.of("mnist-fashion", "mnist-fashion-sweep", "permuted-mnist", "split-mnist",
                "split-mnist-single-head", "toy-2d", "replay-memory-sweep")) {
            ExperimentPreset p = ExperimentPreset.bundled(name);
            Texts.setLocale(Locale.ENGLISH);
            assertEquals(p.title(), LessonTexts.title(p), name);
            assertEquals(p.description(), LessonTexts.description(p), name);
            Texts.setLocale(Texts.ZH_CN);
            assertTrue(LessonTexts.title(p).codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF), name);
            assertTrue(LessonTexts.description(p).length() > 40, name);
        }
    }

    @Test
    void aLessonWithoutChineseTextsShowsItsEnglishOnes() {
        ExperimentPreset p = ExperimentPreset.parse(LabViewModelTest.TINY);
        Texts.setLocale(Texts.ZH_CN);
        assertEquals("Tiny", LessonTexts.title(p));
        assertEquals("two toy tasks", LessonTexts.description(p));
    }
}
