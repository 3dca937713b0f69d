package org.ewclab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** English and Simplified Chinese hold the same keys, and each key the same format conversions. */
class I18nBundlesTest {
    // java.util.Formatter: %[index$][flags][width][.precision]conversion
    private static final Pattern CONVERSION =
            Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([a-zA-Z%])");

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("/org/ewclab/i18n/" + file)) {
            assertTrue(in != null, file + " on the classpath");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The conversions of a pattern in argument order: "2:d" for the second argument as %d; "%" and "n" left out. */
    static List<String> conversions(String pattern) {
        List<String> out = new ArrayList<>();
        Matcher m = CONVERSION.matcher(pattern);
        int next = 1;
        while (m.find()) {
            String conv = m.group(5);
            if (conv.equals("%") || conv.equals("n")) {
                continue;
            }
            int index = m.group(1) != null ? Integer.parseInt(m.group(1).replace("$", "")) : next++;
            String flags = m.group(2) == null ? "" : m.group(2).replace("-", "").replace("0", "");
            out.add(index + ":" + flags + (m.group(4) == null ? "" : m.group(4)) + conv);
        }
        out.sort(null);
        return out;
    }

    @AfterEach
    void english() {
        Texts.setLocale(Locale.ENGLISH);
    }

    /**
     * The English and Chinese files of bundle {@code base}: the same keys both ways, and more than {@code atLeast} of
     * them (the real bundle, not an empty stand-in). Returns {English, Chinese}.
     */
    private static Properties[] sameKeys(String base, int atLeast) throws IOException {
        Properties en = load(base + ".properties");
        Properties zh = load(base + "_zh_CN.properties");
        TreeSet<String> onlyEn = new TreeSet<>(en.stringPropertyNames());
        onlyEn.removeAll(zh.stringPropertyNames());
        TreeSet<String> onlyZh = new TreeSet<>(zh.stringPropertyNames());
        onlyZh.removeAll(en.stringPropertyNames());
        assertEquals(new TreeSet<>(), onlyEn, base + " keys missing in zh_CN");
        assertEquals(new TreeSet<>(), onlyZh, base + " keys missing in English");
        assertTrue(en.size() > atLeast, "the " + base + " bundle is the real one: " + en.size() + " keys");
        return new Properties[] {en, zh};
    }

    /** Every Chinese text takes the English one's format conversions and is not blank. */
    private static void sameConversions(Properties[] enZh) {
        for (String key : enZh[0].stringPropertyNames()) {
            assertEquals(conversions(enZh[0].getProperty(key)), conversions(enZh[1].getProperty(key)), key);
            assertFalse(enZh[1].getProperty(key).isBlank(), key + " is translated");
        }
    }

    @Test
    void bothBundlesHoldTheSameKeys() throws IOException {
        sameKeys("messages", 100);
    }

    @Test
    void bothWindowBundlesHoldTheSameKeysAndConversions() throws IOException {
        Properties[] bundles = sameKeys("window", 200);
        sameConversions(bundles);
        Properties en = bundles[0];
        TreeSet<String> shared = new TreeSet<>(en.stringPropertyNames());
        shared.retainAll(load("messages.properties").stringPropertyNames());
        assertEquals(new TreeSet<>(), shared, "a key lives in one bundle only (messages wins)");
    }

    @Test
    void bothProblemBundlesHoldTheSameKeysAndConversions() throws IOException {
        Properties[] bundles = sameKeys("problems", 150);
        sameConversions(bundles);
        Properties en = bundles[0];
        for (String other : List.of("messages.properties", "window.properties")) {
            TreeSet<String> shared = new TreeSet<>(en.stringPropertyNames());
            shared.retainAll(load(other).stringPropertyNames());
            assertEquals(new TreeSet<>(), shared, "a key lives in one bundle only: problems and " + other);
        }
    }

    @Test
    void windowTextsFollowTheLanguage() {
        assertEquals("Train A", Texts.get("bar.trainA"));
        Texts.setLocale(Texts.ZH_CN);
        assertEquals("训练 A", Texts.get("bar.trainA"));
        assertEquals("正在从任务 A 检查点出发，用 EWC (λ=1e5) 训练 fashion…",
                Texts.fmt("status.trainingB", "fashion", "EWC (λ=1e5)"));
        assertTrue(Texts.has("menu.view.language") && Texts.has("chart.loss.title") && !Texts.has("no.such.key"));
    }

    @Test
    void everyKeyHasTheSameConversionsInBothLanguages() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (String key : en.stringPropertyNames()) {
            assertEquals(conversions(en.getProperty(key)), conversions(zh.getProperty(key, "")), key);
        }
    }

    @Test
    void conversionsReadIndexesFlagsAndPrecision() {
        assertEquals(List.of("1:s", "2:d", "3:.2f"), conversions("%s of %d in %.2f s, 100%%"));
        assertEquals(List.of("1:s", "2:d"), conversions("%2$d 的 %1$s"));
        assertEquals(List.of("1:,d"), conversions("%,d weights"));
        assertEquals(List.of("1:+.1f"), conversions("BWT %+.1f%%"));
    }

    @Test
    void chineseIsReadAsUtf8AndFormatsWithRootNumbers() {
        Texts.setLocale(Locale.forLanguageTag("zh-TW"));
        assertEquals(Texts.ZH_CN, Texts.locale(), "any Chinese reads the Simplified bundle");
        assertEquals("准确率", Texts.get("chart.axis.accuracy"));
        assertEquals("任务 2 的费舍尔信息（per-sample）：1000 个样本，用时 0.50 秒",
                Texts.fmt("run.fisherDone", "per-sample", 2, 1000, 0.5).trim());
        Texts.setLocale(Locale.GERMANY);
        assertEquals("accuracy", Texts.get("chart.axis.accuracy"), "a language without a bundle reads English");
        assertEquals("1,234 at F = 0 (left bar)", Texts.fmt("chart.fisher.zeros", 1234).substring(3));
    }

    @Test
    void languageTagsParse() {
        assertEquals(Texts.ZH_CN, Texts.parse("zh-CN"));
        assertEquals(Texts.ZH_CN, Texts.parse("zh_cn"));
        assertEquals(Locale.ENGLISH, Texts.parse("en"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Texts.parse("fr"));
        assertTrue(e.getMessage().contains("'fr'"), e.getMessage());
    }

    @Test
    void terminalColumnsCountIdeographsTwice() {
        assertEquals(4, Texts.columns("方法"));
        assertEquals("方法       ", Texts.padRight("方法", 11));
        assertEquals(11, Texts.columns(Texts.padRight("方法", 11)));
        assertEquals("  λ", Texts.padLeft("λ", 3));
        assertFalse(Texts.get("no.such.key").isEmpty());
    }
}
