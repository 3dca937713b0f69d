package org.ewclab.export;

/** Colour maps for heat maps and image tiles. */
public enum ColorMap {
    /** Sequential, perceptually uniform, readable in greyscale print: dark purple (low) to yellow (high). */
    VIRIDIS(new int[] {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
            0xbddf26, 0xfde725}),
    /** Diverging around the middle of the range: blue (low), near-white (centre), red (high). */
    DIVERGING(new int[] {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d,
            0xb2182b}),
    /** Black (low) to white (high), for digit images. */
    GREYS(new int[] {0x000000, 0xffffff});

    private final int[] stops;

    ColorMap(int[] stops) {
        this.stops = stops;
    }

    /** Colour (opaque ARGB) at {@code t} in 0..1; values outside are clamped, NaN gives mid grey. */
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return 0xFF808080;
        }
        double c = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) c, stops.length - 2);
        return Argb.mix(0xFF000000 | stops[i], 0xFF000000 | stops[i + 1], c - i);
    }

    /** Whether the auto range of this map is centred on zero. */
    public boolean isDiverging() {
        return this == DIVERGING;
    }
}
