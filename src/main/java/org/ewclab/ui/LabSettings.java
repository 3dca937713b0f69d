package org.ewclab.ui;

import java.util.ArrayList;
import java.util.List;
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

    /** How many entries each recent list keeps. */
    static final int RECENT_KEPT = 8;
    /** Recent lists: lessons (preset files), datasets (loaded into a task), task-A checkpoints. */
    static final List<String> RECENT_KINDS = List.of("lesson", "dataset", "checkpoint");

    /** The recent entries of a kind, newest first. */
    static List<String> recent(String kind) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RECENT_KEPT; i++) {
            String v = node.get("recent." + kind + "." + i, null);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** Puts {@code entry} first in its list (once), dropping the oldest beyond {@link #RECENT_KEPT}. */
    static void addRecent(String kind, String entry) {
        List<String> list = recent(kind);
        list.remove(entry);
        list.add(0, entry);
        writeRecent(kind, list);
    }

    static void removeRecent(String kind, String entry) {
        List<String> list = recent(kind);
        list.remove(entry);
        writeRecent(kind, list);
    }

    static void clearRecent() {
        for (String kind : RECENT_KINDS) {
            writeRecent(kind, List.of());
        }
    }

    private static void writeRecent(String kind, List<String> list) {
        for (int i = 0; i < RECENT_KEPT; i++) {
            if (i < list.size()) {
                node.put("recent." + kind + "." + i, list.get(i));
            } else {
                node.remove("recent." + kind + "." + i);
            }
        }
    }

    /** The last window size {width, height}, or the given default when none was saved. */
    static double[] windowSize(double defaultWidth, double defaultHeight) {
        return new double[] {node.getDouble("window.width", defaultWidth), node.getDouble("window.height",
                defaultHeight)};
    }

    static boolean maximized() {
        return node.getBoolean("window.maximized", false);
    }

    static void saveWindow(double width, double height, boolean maximized) {
        if (width > 0 && height > 0) {
            node.putDouble("window.width", width);
            node.putDouble("window.height", height);
        }
        node.putBoolean("window.maximized", maximized);
    }

    static boolean dark() {
        return node.getBoolean("dark", false);
    }

    static void saveDark(boolean dark) {
        node.putBoolean("dark", dark);
    }

    static double zoom() {
        return node.getDouble("zoom", 1.0);
    }

    static void saveZoom(double zoom) {
        node.putDouble("zoom", zoom);
    }
}
