package org.ewclab.export;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fonts and text metrics shared by the PNG and SVG backends. Both measure with the same unscaled, anti-aliased,
 * fractional-metrics context, so a chart has one layout whatever the output and whatever the PNG scale. Needs fonts
 * (any desktop has them; CI installs DejaVu) but no display.
 */
final class AwtFonts {
    static final String SVG_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, sans-serif";

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final Map<Long, Font> FONTS = new ConcurrentHashMap<>();
    private static final Map<Long, float[]> METRICS = new ConcurrentHashMap<>();
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private AwtFonts() {
    }

    private static long key(double size, boolean bold) {
        return Math.round(size * 1000) * 2 + (bold ? 1 : 0);
    }

    static Font font(double size, boolean bold) {
        return FONTS.computeIfAbsent(key(size, bold),
                k -> BASE.deriveFont(bold ? Font.BOLD : Font.PLAIN, (float) size));
    }

    static double width(String s, double size, boolean bold) {
        if (s.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(s, FRC).getWidth();
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
