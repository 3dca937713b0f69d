package org.ewclab.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A surface on a Java2D {@link Graphics2D}, usually a {@link BufferedImage} for PNG export. Works with
 * {@code java.awt.headless=true}. Give it a graphics already scaled for the output resolution; the layout stays the
 * logical one.
 */
public final class Java2dSurface implements Surface {
    private final Graphics2D g;
    private final Deque<Shape> clips = new ArrayDeque<>();
    private Color stroke = Color.BLACK;
    private BasicStroke strokeStyle = new BasicStroke(1);
    private Color fill = Color.BLACK;

    public Java2dSurface(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** An opaque image for a chart of the given logical size at {@code scale} device px per logical px. */
    public static BufferedImage newImage(int width, int height, double scale) {
        return new BufferedImage(Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)), BufferedImage.TYPE_INT_RGB);
    }

    @Override
    public void setStroke(int argb, double width, float[] dash) {
        stroke = new Color(argb, true);
        strokeStyle = new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                dash == null || dash.length == 0 ? null : dash.clone(), 0f);
    }

    @Override
    public void setFill(int argb) {
        fill = new Color(argb, true);
    }

    private void drawShape(Shape s) {
        g.setColor(stroke);
        g.setStroke(strokeStyle);
        g.draw(s);
    }

    private void fillShape(Shape s) {
        g.setColor(fill);
        g.fill(s);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        drawShape(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(float[] xs, float[] ys, int n) {
        drawShape(path(xs, ys, n, false));
    }

    @Override
    public void fillPolygon(float[] xs, float[] ys, int n) {
        if (n >= 3) {
            fillShape(path(xs, ys, n, true));
        }
    }

    static Path2D.Float path(float[] xs, float[] ys, int n, boolean close) {
        Path2D.Float p = new Path2D.Float(Path2D.WIND_NON_ZERO, Math.max(2, n));
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(xs[i]) || Float.isNaN(ys[i])) {
                pen = false;
            } else if (pen) {
                p.lineTo(xs[i], ys[i]);
            } else {
                p.moveTo(xs[i], ys[i]);
                pen = true;
            }
        }
        if (close) {
            p.closePath();
        }
        return p;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        fillShape(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        drawShape(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void circles(float[] xs, float[] ys, int n, double radius, boolean filled) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            p.append(new Ellipse2D.Double(xs[i] - radius, ys[i] - radius, 2 * radius, 2 * radius), false);
        }
        if (filled) {
            fillShape(p);
        } else {
            drawShape(p);
        }
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees) {
        if (s.isEmpty()) {
            return;
        }
        double w = AwtFonts.width(s, size, bold);
        double dx = align == Align.LEFT ? 0 : align == Align.CENTER ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        g.setFont(AwtFonts.font(s, size, bold));
        g.setColor(fill);
        g.translate(x, y);
        if (rotationDegrees != 0) {
            g.rotate(Math.toRadians(rotationDegrees));
        }
        g.drawString(s, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return AwtFonts.width(s, size, bold);
    }

    @Override
    public double ascent(double size, boolean bold) {
        return AwtFonts.ascent(size, bold);
    }

    @Override
    public double descent(double size, boolean bold) {
        return AwtFonts.descent(size, bold);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        clips.push(g.getClip() == null ? new Rectangle2D.Double(-1e7, -1e7, 2e7, 2e7) : g.getClip());
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void popClip() {
        g.setClip(clips.pop());
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        Object saved = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.scale(dw / w, dh / h);
        g.drawImage(img, at, null);
        if (saved != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, saved);
        }
    }
}
