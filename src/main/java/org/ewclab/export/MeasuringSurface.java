package org.ewclab.export;

/** Measures text like the surface it wraps and draws nothing: a dry run of the layout. */
final class MeasuringSurface implements Surface {
    private final Surface measure;

    MeasuringSurface(Surface measure) {
        this.measure = measure;
    }

    @Override
    public void setStroke(int argb, double width, float[] dash) {
    }

    @Override
    public void setFill(int argb) {
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
    }

    @Override
    public void polyline(float[] xs, float[] ys, int n) {
    }

    @Override
    public void fillPolygon(float[] xs, float[] ys, int n) {
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
    }

    @Override
    public void circles(float[] xs, float[] ys, int n, double radius, boolean fill) {
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees) {
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return measure.textWidth(s, size, bold);
    }

    @Override
    public double ascent(double size, boolean bold) {
        return measure.ascent(size, bold);
    }

    @Override
    public double descent(double size, boolean bold) {
        return measure.descent(size, bold);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
    }

    @Override
    public void popClip() {
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth) {
    }
}
