package org.ewclab.export;

/**
 * Colours of everything that is not data, and the presentation scale: {@code fontScale} and {@code lineScale}
 * multiply every font size and line width, so a projected chart is readable from the back row while its layout
 * (margins, legend) adapts. Data colours are fixed by {@link MethodColors} and do not change with the theme.
 */
public record Theme(String name, String background, String plotBackground, String text, String mutedText,
                    String axis, String grid, String legendBackground, String marker, double fontScale,
                    double lineScale) {

    /** Fonts and lines that a class can read on a 1280×720 projector from the back row. */
    public static final double PROJECTOR_SCALE = 1.6;

    public Theme {
        for (String c : new String[] {background, plotBackground, text, mutedText, axis, grid, legendBackground,
                marker}) {
            Argb.parse(c);
        }
        if (!(fontScale > 0) || !(lineScale > 0)) {
            throw new IllegalArgumentException("scales must be positive: " + fontScale + ", " + lineScale);
        }
    }

    public static Theme light() {
        return new Theme("light", "#ffffff", "#ffffff", "#1a1a1a", "#8a8a8a", "#444444", "#e3e3e3", "#ffffff",
                "#555555", 1, 1);
    }

    public static Theme dark() {
        return new Theme("dark", "#1e1f22", "#1e1f22", "#ececec", "#808080", "#b8b8b8", "#3a3c40", "#26282c",
                "#c8c8c8", 1, 1);
    }

    /** The same colours with fonts and lines multiplied. */
    public Theme withPresentation(double fonts, double lines) {
        return new Theme(name, background, plotBackground, text, mutedText, axis, grid, legendBackground, marker,
                fonts, lines);
    }

    /** Both multipliers set to one presentation scale. */
    public Theme withPresentationScale(double scale) {
        return withPresentation(scale, scale);
    }

    public boolean isDark() {
        return Argb.luminance(Argb.parse(background)) < 0.2;
    }
}
