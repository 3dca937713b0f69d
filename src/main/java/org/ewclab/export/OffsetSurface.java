package org.ewclab.export;

/** Draws onto another surface shifted by (dx, dy): how a panel is painted into its place in a panelled chart. */
final class OffsetSurface implements Surface {
    private final Surface target;
    private final double dx;
    private final double dy;

    OffsetSurface(Surface target, double dx, double dy) {
        this.target = target;
        this.dx = dx;
        this.dy = dy;
    }

    @Override
    public void setStroke(int argb, double width, float[] dash) {
        target.setStroke(argb, width, dash);
    }

    @Override
    public void setFill(int argb) {
        target.setFill(argb);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        target.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }

    @Override
    public void polyline(float[] xs, float[] ys, int n) {
        target.polyline(shift(xs, n, dx), shift(ys, n, dy), n);
    }

    @Override
    public void fillPolygon(float[] xs, float[] ys, int n) {
        target.fillPolygon(shift(xs, n, dx), shift(ys, n, dy), n);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        target.fillRect(x + dx, y + dy, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        target.strokeRect(x + dx, y + dy, w, h);
    }

    @Override
    public void circles(float[] xs, float[] ys, int n, double radius, boolean fill) {
        target.circles(shift(xs, n, dx), shift(ys, n, dy), n, radius, fill);
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees) {
        target.text(s, x + dx, y + dy, size, bold, align, rotationDegrees);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return target.textWidth(s, size, bold);
    }

    @Override
    public double ascent(double size, boolean bold) {
        return target.ascent(size, bold);
    }

    @Override
    public double descent(double size, boolean bold) {
        return target.descent(size, bold);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        target.pushClip(x + dx, y + dy, w, h);
    }

    @Override
    public void popClip() {
        target.popClip();
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth) {
        target.image(argb, w, h, x + dx, y + dy, dw, dh, smooth);
    }

    @Override
    public void beginGroup(String cssClass, String title) {
        target.beginGroup(cssClass, title);
    }

    @Override
    public void endGroup() {
        target.endGroup();
    }

    private static float[] shift(float[] v, int n, double d) {
        float[] out = new float[n];
        float f = (float) d;
        for (int i = 0; i < n; i++) {
            out[i] = v[i] + f; // NaN stays NaN: a gap stays a gap
        }
        return out;
    }
}
