package org.ewclab.export;

/** Colours as packed 0xAARRGGBB ints, the form every {@link Surface} takes. */
final class Argb {
    private Argb() {
    }

    /** Parses {@code #rrggbb} or {@code #aarrggbb}. */
    static int parse(String hex) {
        if (hex == null || !(hex.length() == 7 || hex.length() == 9) || hex.charAt(0) != '#') {
            throw new IllegalArgumentException("colour must be #rrggbb: " + hex);
        }
        try {
            long v = Long.parseLong(hex.substring(1), 16);
            return hex.length() == 7 ? (int) (0xFF000000L | v) : (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("colour must be #rrggbb: " + hex, e);
        }
    }

    static int withAlpha(int argb, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return (a << 24) | (argb & 0xFFFFFF);
    }

    static int alpha(int argb) {
        return argb >>> 24;
    }

    static int red(int argb) {
        return (argb >> 16) & 0xFF;
    }

    static int green(int argb) {
        return (argb >> 8) & 0xFF;
    }

    static int blue(int argb) {
        return argb & 0xFF;
    }

    /** {@code #rrggbb}, ignoring alpha. */
    static String rgbHex(int argb) {
        return String.format("#%06x", argb & 0xFFFFFF);
    }

    /** Relative luminance (0 black .. 1 white), to pick black or white text on a coloured cell. */
    static double luminance(int argb) {
        return 0.2126 * lin(red(argb)) + 0.7152 * lin(green(argb)) + 0.0722 * lin(blue(argb));
    }

    private static double lin(int c) {
        double s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** Linear mix: t = 0 gives a, t = 1 gives b (opaque result). */
    static int mix(int a, int b, double t) {
        int r = (int) Math.round(red(a) + (red(b) - red(a)) * t);
        int g = (int) Math.round(green(a) + (green(b) - green(a)) * t);
        int bl = (int) Math.round(blue(a) + (blue(b) - blue(a)) * t);
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }
}
