package org.ewclab.i18n;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words a user reads outside the window (CLI tables and messages, chart titles, axes and legends, report.html),
 * from {@code org/ewclab/i18n/messages*.properties}: English and Simplified Chinese. Patterns use
 * {@link String#format} conversions ({@code %s}, {@code %d}, {@code %.1f}) formatted with {@link Locale#ROOT}, so
 * numbers look alike in both languages; a translation may reorder them with {@code %1$s}. No JavaFX, no engine:
 * the CLI, the export and the window all use it. What the engine and data layers tell the user (preset, dataset,
 * checkpoint and results problems, divergence explanations) comes from {@code problems*.properties}, so that an
 * exception's message is in the language current when it was made.
 *
 * <p>The language is one setting for the process: the system locale unless {@link #setLocale} (the CLI's
 * {@code --lang}) says otherwise. Any Chinese locale reads the Simplified Chinese bundle, the only Chinese one.
 */
public final class Texts {
    static final String BUNDLE = "org.ewclab.i18n.messages";
    /** The window's words (menus, toolbar, panels, dialogs, tooltips, status bar, notices, help), kept apart from
     * {@link #BUNDLE} so that the window and the CLI/report can grow without touching one file. */
    static final String WINDOW_BUNDLE = "org.ewclab.i18n.window";
    /** What the engine and data layers tell the user (preset, dataset and checkpoint problems, divergence
     * explanations), kept apart from the CLI and window words: the same in the status bar, error dialogs and the
     * CLI's one-line errors. */
    static final String PROBLEMS_BUNDLE = "org.ewclab.i18n.problems";
    /** Simplified Chinese as the bundles name it. */
    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;

    // No fallback to the system locale: with --lang en on a Chinese system the English base bundle must win.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static volatile Locale current = supported(Locale.getDefault());
    private static volatile ResourceBundle bundle = load(BUNDLE, current);
    private static volatile ResourceBundle windowBundle = load(WINDOW_BUNDLE, current);
    private static volatile ResourceBundle problemsBundle = load(PROBLEMS_BUNDLE, current);

    private Texts() {
    }

    /** The bundle's locale for a requested one: Chinese of any region reads zh-CN, everything else English. */
    public static Locale supported(Locale requested) {
        return "zh".equals(requested.getLanguage()) ? ZH_CN : Locale.ENGLISH;
    }

    /**
     * Parses a {@code --lang} value: {@code en}, {@code zh-CN}, {@code zh_CN}, {@code zh} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the languages there are
     */
    public static Locale parse(String tag) {
        String t = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        if (t.equals("en") || t.startsWith("en-")) {
            return Locale.ENGLISH;
        }
        if (t.equals("zh") || t.equals("zh-cn") || t.equals("zh-hans") || t.equals("zh-hans-cn")) {
            return ZH_CN;
        }
        throw new IllegalArgumentException("unknown language '" + tag + "' (expected en or zh-CN)");
    }

    public static synchronized void setLocale(Locale locale) {
        current = supported(locale);
        bundle = load(BUNDLE, current);
        windowBundle = load(WINDOW_BUNDLE, current);
        problemsBundle = load(PROBLEMS_BUNDLE, current);
    }

    /** The language in use: {@link Locale#ENGLISH} or {@link #ZH_CN}. */
    public static Locale locale() {
        return current;
    }

    /** Whether the texts are Chinese (e.g. for the HTML lang attribute or CJK-aware padding). */
    public static boolean isChinese() {
        return locale().getLanguage().equals("zh");
    }

    private static ResourceBundle load(String name, Locale locale) {
        return ResourceBundle.getBundle(name, supported(locale), Texts.class.getClassLoader(), CONTROL);
    }

    /**
     * The text of {@code key}. Every value is a pattern, so a literal per cent sign is written {@code %%} even in a
     * text without arguments. A missing key shows as the key in brackets rather than failing a run.
     */
    public static String get(String key) {
        String pattern = pattern(key);
        return pattern.indexOf('%') < 0 ? pattern : String.format(Locale.ROOT, pattern);
    }

    /** The pattern of {@code key} with {@code args} filled in ({@link String#format}, {@link Locale#ROOT}). */
    public static String fmt(String key, Object... args) {
        return String.format(Locale.ROOT, pattern(key), args);
    }

    /** Whether either bundle holds {@code key} (e.g. an optional per-lesson or per-method text). */
    public static boolean has(String key) {
        return bundle.containsKey(key) || windowBundle.containsKey(key) || problemsBundle.containsKey(key);
    }

    private static String pattern(String key) {
        try {
            return bundle.containsKey(key) ? bundle.getString(key)
                    : windowBundle.containsKey(key) ? windowBundle.getString(key) : problemsBundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
    }

    /** Terminal columns of a string: CJK ideographs and full-width forms take two. */
    public static int columns(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return n;
    }

    /** {@code s} padded with spaces on the right to {@code width} terminal columns. */
    public static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - columns(s)));
    }

    /** {@code s} padded with spaces on the left to {@code width} terminal columns. */
    public static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - columns(s))) + s;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
