package org.ewclab.export;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fonts and text metrics shared by the PNG and SVG backends. Both measure with the same unscaled, anti-aliased,
 * fractional-metrics context, so a chart has one layout whatever the output and whatever the PNG scale. Needs fonts
 * (any desktop has them; CI installs DejaVu) but no display.
 *
 * <p>Chinese text: a string that the base font cannot show is drawn and measured with a CJK font instead (the first
 * of {@link #CJK_FAMILIES} that is installed and has every glyph, else any installed family that has them), so a
 * chart title in 简体中文 never turns into empty boxes. SVG names the same fonts and lets the viewer fall back per
 * glyph. On Linux this needs a CJK font: {@code fonts-noto-cjk} (or the smaller {@code fonts-wqy-microhei}).
 */
final class AwtFonts {
    /** CJK fonts that ship with the common systems: Linux (Noto/Source Han, WenQuanYi), Windows, macOS. */
    static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
            "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "SimHei", "Hiragino Sans GB");

    static final String SVG_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, "
            + String.join(", ", CJK_FAMILIES.stream().map(f -> "'" + f + "'").toList()) + ", sans-serif";

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final Map<Long, Font> FONTS = new ConcurrentHashMap<>();
    private static final Map<Long, float[]> METRICS = new ConcurrentHashMap<>();
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Map<Long, Font> FALLBACK_FONTS = new ConcurrentHashMap<>();
    private static volatile Font fallbackBase;

    private AwtFonts() {
    }

    private static long key(double size, boolean bold) {
        return Math.round(size * 1000) * 2 + (bold ? 1 : 0);
    }

    static Font font(double size, boolean bold) {
        return FONTS.computeIfAbsent(key(size, bold),
                k -> BASE.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size));
    }

    /** The font that draws {@code s}: the base font, or the CJK fallback when the base font lacks a glyph of it. */
    static Font font(String s, double size, boolean bold) {
        Font base = font(size, bold);
        if (base.canDisplayUpTo(s) == -1) {
            return base;
        }
        Font fallback = fallbackBase(s);
        if (fallback == null) {
            return base;
        }
        return FALLBACK_FONTS.computeIfAbsent(key(size, bold),
                k -> fallback.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size));
    }

    /**
     * The CJK fallback family, found once: the first preferred family that is installed and shows {@code s}, else any
     * installed family that shows it. Null when no installed font has the glyphs (the base font then draws boxes).
     */
    static Font fallbackBase(String s) {
        Font found = fallbackBase;
        if (found != null && found.canDisplayUpTo(s) == -1) {
            return found;
        }
        String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        Set<String> names = new HashSet<>(Arrays.asList(installed));
        for (String family : CJK_FAMILIES) {
            if (names.contains(family)) {
                Font f = new Font(family, Font.PLAIN, 12);
                if (f.canDisplayUpTo(s) == -1) {
                    return remember(f);
                }
            }
        }
        for (String family : installed) {
            Font f = new Font(family, Font.PLAIN, 12);
            if (f.canDisplayUpTo(s) == -1) {
                return remember(f);
            }
        }
        return null;
    }

    private static Font remember(Font f) {
        if (fallbackBase == null || !fallbackBase.getFamily().equals(f.getFamily())) {
            FALLBACK_FONTS.clear();
        }
        fallbackBase = f;
        return f;
    }

    static double width(String s, double size, boolean bold) {
        if (s.isEmpty()) {
            return 0;
        }
        return font(s, size, bold).getStringBounds(s, FRC).getWidth();
    }

    /** Ascent of capitals and descent of descenders, measured on real glyphs rather than the font's padded box. */
    private static float[] metrics(double size, boolean bold) {
        return METRICS.computeIfAbsent(key(size, bold), k -> {
            Font f = font(size, bold);
            LineMetrics lm = f.getLineMetrics("Hgjy", FRC);
            double capTop = -f.createGlyphVector(FRC, "HÅdλ").getVisualBounds().getY();
            double below = f.createGlyphVector(FRC, "gjpqy").getVisualBounds().getMaxY();
            return new float[] {(float) Math.min(lm.getAscent(), capTop * 1.08), (float) Math.min(lm.getDescent(),
                    below * 1.1)};
        });
    }

    static double ascent(double size, boolean bold) {
        return metrics(size, bold)[0];
    }

    static double descent(double size, boolean bold) {
        return metrics(size, bold)[1];
    }
}
