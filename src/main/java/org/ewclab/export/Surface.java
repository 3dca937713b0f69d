package org.ewclab.export;

/**
 * The 2-D drawing operations the painter needs; one implementation per output (screen, PNG, SVG) so all three come
 * from the same drawing code. Coordinates are logical pixels, y down. Colours are 0xAARRGGBB. A surface keeps the
 * last stroke and fill it was given; text uses the fill.
 */
public interface Surface {

    enum Align {
        LEFT, CENTER, RIGHT
    }

    /** Line colour, width and dash pattern (lengths in px, null for solid) for the following stroke operations. */
    void setStroke(int argb, double width, float[] dash);

    /** Colour for the following fill and text operations. */
    void setFill(int argb);

    void line(double x1, double y1, double x2, double y2);

    /** One connected line through n points; a NaN coordinate breaks it (the next finite point starts a new piece). */
    void polyline(float[] xs, float[] ys, int n);

    /** A filled polygon through n points (no NaN). */
    void fillPolygon(float[] xs, float[] ys, int n);

    void fillRect(double x, double y, double w, double h);

    void strokeRect(double x, double y, double w, double h);

    /** Circles of one radius at n centres, filled with the fill colour or stroked with the stroke. */
    void circles(float[] xs, float[] ys, int n, double radius, boolean fill);

    /**
     * Text in the fill colour with its baseline through (x, y), aligned horizontally to x, turned by
     * {@code rotationDegrees} (clockwise; −90 reads bottom-to-top) about (x, y).
     */
    void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees);

    double textWidth(String s, double size, boolean bold);

    /** Height above the baseline of tall letters at this size. */
    double ascent(double size, boolean bold);

    /** Depth below the baseline of descenders at this size. */
    double descent(double size, boolean bold);

    /** Restricts drawing to a rectangle (intersected with the current clip) until the matching {@link #popClip()}. */
    void pushClip(double x, double y, double w, double h);

    void popClip();

    /**
     * Draws a w×h ARGB raster scaled into the rectangle; {@code smooth} false keeps every source pixel a crisp square
     * (a 28×28 importance map must not be blurred).
     */
    void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth);

    /** Marks the start of one logical element (a series); vector outputs group and label what follows. */
    default void beginGroup(String cssClass, String title) {
    }

    default void endGroup() {
    }
}
