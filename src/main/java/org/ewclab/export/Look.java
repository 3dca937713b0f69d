package org.ewclab.export;

import java.util.List;

/**
 * A theme resolved for drawing: colours as ARGB, and every font size and length already multiplied by the
 * presentation scale, so the painters never multiply by hand.
 */
final class Look {
    final int background;
    final int plotBackground;
    final int text;
    final int muted;
    final int axis;
    final int grid;
    final int legendBackground;
    final int marker;
    final boolean dark;

    final double fs;
    final double ls;

    final double titleFont;
    final double subtitleFont;
    final double labelFont;
    final double tickFont;
    final double legendFont;
    final double annotationFont;

    final double pad;
    final double gap;
    final double tickLength;
    final double axisWidth;
    final double gridWidth;

    Look(Theme t) {
        background = Argb.parse(t.background());
        plotBackground = Argb.parse(t.plotBackground());
        text = Argb.parse(t.text());
        muted = Argb.parse(t.mutedText());
        axis = Argb.parse(t.axis());
        grid = Argb.parse(t.grid());
        legendBackground = Argb.parse(t.legendBackground());
        marker = Argb.parse(t.marker());
        dark = t.isDark();
        fs = t.fontScale();
        ls = t.lineScale();
        titleFont = 17 * fs;
        subtitleFont = 13 * fs;
        labelFont = 14 * fs;
        tickFont = 12.5 * fs;
        legendFont = 13 * fs;
        annotationFont = 12 * fs;
        pad = 10 * Math.sqrt(fs);
        gap = 5 * fs;
        tickLength = 5 * ls;
        axisWidth = Math.max(1, 1.1 * ls);
        gridWidth = Math.max(1, 0.8 * ls);
    }

    double lineHeight(Surface s, double size, boolean bold) {
        return s.ascent(size, bold) + s.descent(size, bold);
    }

    /** The text, cut with an ellipsis when it is wider than {@code maxWidth}. */
    static String fit(Surface s, String text, double size, boolean bold, double maxWidth) {
        if (text.isEmpty() || s.textWidth(text, size, bold) <= maxWidth + 0.01) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (s.textWidth(text.substring(0, mid) + "…", size, bold) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : text.substring(0, lo) + "…";
    }

    /** Dash lengths in px for a line of this width, or null for solid. */
    static float[] dash(Series.Dash d, double width) {
        float w = (float) Math.max(1, width);
        return switch (d) {
            case SOLID -> null;
            case DASHED -> new float[] {4 * w, 2.5f * w};
            case DOTTED -> new float[] {w, 1.6f * w};
            case DASH_DOT -> new float[] {4 * w, 1.8f * w, w, 1.8f * w};
            case LONG_DASH -> new float[] {8 * w, 2.5f * w};
            case DASH_DOT_DOT -> new float[] {4 * w, 1.6f * w, w, 1.6f * w, w, 1.6f * w};
        };
    }

    float[] markerDash() {
        return new float[] {(float) (6 * ls), (float) (4 * ls)};
    }

    /** Draws a title block (title, subtitle) from {@code top} and returns the y below it. */
    double header(Surface s, Plot plot, double width, double top) {
        double y = top;
        if (!plot.title().isEmpty()) {
            double size = shrinkToFit(s, plot.title(), titleFont, true, width - 2 * pad);
            y += s.ascent(size, true);
            s.setFill(text);
            s.text(fit(s, plot.title(), size, true, width - 2 * pad), width / 2, y, size, true,
                    Surface.Align.CENTER, 0);
            y += s.descent(size, true) + gap * 0.6;
        }
        if (!plot.subtitle().isEmpty()) {
            s.setFill(Argb.mix(text, background, 0.25));
            for (String line : subtitleLines(s, plot.subtitle(), width - 2 * pad)) {
                double size = shrinkToFit(s, line, subtitleFont, false, width - 2 * pad, SUBTITLE_SHRINK);
                y += s.ascent(size, false);
                s.text(fit(s, line, size, false, width - 2 * pad), width / 2, y, size, false,
                        Surface.Align.CENTER, 0);
                y += s.descent(size, false) + gap * 0.6;
            }
        }
        return y;
    }

    /** A subtitle gives up at most this much of its size before it wraps: text scale stays alike across charts. */
    static final double SUBTITLE_SHRINK = 0.9;

    /**
     * The subtitle as drawn: one line when it fits (shrunk at most to {@link #SUBTITLE_SHRINK}), else two lines
     * broken at the " · " nearest the middle (else a space, else anywhere: Chinese has no spaces); each line is cut
     * with an ellipsis only if it still does not fit.
     */
    List<String> subtitleLines(Surface s, String subtitle, double maxWidth) {
        if (s.textWidth(subtitle, subtitleFont, false) * SUBTITLE_SHRINK <= maxWidth) {
            return List.of(subtitle);
        }
        return twoLines(subtitle);
    }

    /** A text split into two lines near its middle, at " · ", else before a bracket, else a space, else anywhere. */
    static List<String> twoLines(String text) {
        int mid = text.length() / 2;
        for (String sep : new String[] {" · ", " (", " "}) {
            int best = -1;
            for (int i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + 1)) {
                if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) {
                    best = i;
                }
            }
            if (best > 0) {
                // a bracket opens the second line: "density" / "(per decade)"
                int rest = sep.equals(" (") ? best + 1 : best + sep.length();
                return List.of(text.substring(0, best).strip(), text.substring(rest).strip());
            }
        }
        return text.length() < 2 ? List.of(text) : List.of(text.substring(0, mid), text.substring(mid));
    }

    /** The lines of a rotated y-axis title in {@code room} px: one, or two (broken at a space) when one would be cut. */
    List<String> yTitleLines(Surface s, String title, double room) {
        if (title.isEmpty() || s.textWidth(title, labelFont, false) * SUBTITLE_SHRINK <= room) {
            return title.isEmpty() ? List.of() : List.of(title);
        }
        List<String> two = twoLines(title);
        return two.size() == 2 && !title.contains(" ") ? List.of(title) : two;
    }

    /** Vertical room a rotated axis title may take beyond the plot area at each end. */
    double tickLabelRoom(Surface s) {
        return lineHeight(s, tickFont, false);
    }

    /** A smaller size (down to ¾) when the text is too wide; {@link #fit} cuts what still does not fit. */
    static double shrinkToFit(Surface s, String text, double size, boolean bold, double maxWidth) {
        return shrinkToFit(s, text, size, bold, maxWidth, 0.75);
    }

    static double shrinkToFit(Surface s, String text, double size, boolean bold, double maxWidth, double least) {
        double w = s.textWidth(text, size, bold);
        return w <= maxWidth ? size : Math.max(size * least, size * maxWidth / w);
    }

    // ---- labels with an exponent: "10^−3" is drawn as 10 with a raised, smaller −3 ---------------------------------

    private static final double EXPONENT_SIZE = 0.78;

    double richWidth(Surface s, String label, double size) {
        int caret = label.indexOf('^');
        if (caret < 0) {
            return s.textWidth(label, size, false);
        }
        return s.textWidth(label.substring(0, caret), size, false)
                + s.textWidth(label.substring(caret + 1), size * EXPONENT_SIZE, false);
    }

    void richText(Surface s, String label, double x, double y, double size, Surface.Align align) {
        int caret = label.indexOf('^');
        if (caret < 0) {
            s.text(label, x, y, size, false, align, 0);
            return;
        }
        double w = richWidth(s, label, size);
        double left = align == Surface.Align.LEFT ? x : align == Surface.Align.CENTER ? x - w / 2 : x - w;
        String base = label.substring(0, caret);
        s.text(base, left, y, size, false, Surface.Align.LEFT, 0);
        s.text(label.substring(caret + 1), left + s.textWidth(base, size, false),
                y - s.ascent(size, false) * 0.45, size * EXPONENT_SIZE, false, Surface.Align.LEFT, 0);
    }
}
