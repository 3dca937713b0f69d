package org.ewclab.ui;

import java.util.Locale;
import java.util.prefs.Preferences;
import org.ewclab.i18n.Texts;

/**
 * What the lab remembers between starts (java.util.prefs, per user): the language, the window size, the theme, the
 * zoom and the recent files. Tests point it at another node so that they never touch the user's own settings.
 */
final class LabSettings {
    private static volatile Preferences node = Preferences.userRoot().node(
            System.getProperty("ewclab.prefs", "org/ewclab/lab"));

    private LabSettings() {
    }

    /** Uses {@code other} instead of the user's node (tests). */
    static void use(Preferences other) {
        node = other;
    }

    static Preferences node() {
        return node;
    }

    /** The remembered language, or the system's when none was chosen yet. */
    static Locale language() {
        String tag = node.get("language", null);
        if (tag == null) {
            return Texts.supported(Locale.getDefault());
        }
        try {
            return Texts.parse(tag);
        } catch (IllegalArgumentException e) {
            return Texts.supported(Locale.getDefault());
        }
    }

    static void saveLanguage(Locale locale) {
        node.put("language", Texts.supported(locale).equals(Texts.ZH_CN) ? "zh-CN" : "en");
    }
}
