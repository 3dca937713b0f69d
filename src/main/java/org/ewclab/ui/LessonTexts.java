package org.ewclab.ui;

import org.ewclab.engine.ExperimentPreset;
import org.ewclab.i18n.Texts;

/** A lesson's title and description in the window's language: the preset's Chinese texts when the lab speaks Chinese. */
final class LessonTexts {
    private LessonTexts() {
    }

    static String title(ExperimentPreset p) {
        String zh = p.ui() == null ? null : p.ui().titleZh();
        return Texts.isChinese() && zh != null && !zh.isBlank() ? zh : p.title();
    }

    static String description(ExperimentPreset p) {
        String zh = p.ui() == null ? null : p.ui().descriptionZh();
        return Texts.isChinese() && zh != null && !zh.isBlank() ? zh : p.description();
    }
}
