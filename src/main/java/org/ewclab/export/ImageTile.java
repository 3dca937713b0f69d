package org.ewclab.export;

import java.util.Objects;

/**
 * A small captioned image beside a heat map, e.g. a sample digit next to the importance map it explains. Pixels are
 * row-major values mapped through {@code colorMap} between {@code min} and {@code max} (NaN: the data's range).
 */
public record ImageTile(String caption, int width, int height, FloatColumn pixels, ColorMap colorMap, double min,
                        double max) {

    public ImageTile {
        caption = caption == null ? "" : caption;
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || pixels.size() != width * height) {
            throw new IllegalArgumentException("image " + width + "×" + height + " needs " + width * height
                    + " pixels, got " + pixels.size());
        }
        colorMap = colorMap == null ? ColorMap.GREYS : colorMap;
    }

    /** A greyscale image from 0..1 values (0 black). */
    public static ImageTile grey(String caption, int width, int height, float[] pixels) {
        return new ImageTile(caption, width, height, FloatColumn.of(pixels), ColorMap.GREYS, 0, 1);
    }

    /** A greyscale image from unsigned bytes as in an IDX file (0 black, 255 white). */
    public static ImageTile grey(String caption, int width, int height, byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pixels[i] & 0xFF) / 255f;
        }
        return new ImageTile(caption, width, height, FloatColumn.of(f), ColorMap.GREYS, 0, 1);
    }

    int[] toArgb() {
        double lo = Double.isNaN(min) ? pixels.min() : min;
        double hi = Double.isNaN(max) ? pixels.max() : max;
        double span = hi > lo ? hi - lo : 1;
        int[] out = new int[pixels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = colorMap.argb((pixels.get(i) - lo) / span);
        }
        return out;
    }
}
