package org.ewclab.ui.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextBoundsType;
import org.ewclab.export.Surface;

/**
 * The painter's surface on a JavaFX canvas. Text is set in the logical "SansSerif" family, which JavaFX and Java2D
 * both map to the platform's sans font, so the window and the PNG lay out alike. FX thread only.
 */
public final class FxSurface implements Surface {
    private static final String FAMILY = "SansSerif";
    private static final int CACHE_LIMIT = 4096;

    private final GraphicsContext g;
    private final Text measurer = new Text();
    private final Map<String, Double> widths = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > CACHE_LIMIT;
        }
    };
    private final Map<Long, double[]> metrics = new LinkedHashMap<>();
    private Color stroke = Color.BLACK;
    private double strokeWidth = 1;
    private double[] dash;
    private Color fill = Color.BLACK;

    public FxSurface(GraphicsContext g) {
        this.g = g;
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }

    private static Font font(double size, boolean bold) {
        return Font.font(FAMILY, bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }

    @Override
    public void setStroke(int argb, double width, float[] pattern) {
        stroke = color(argb);
        strokeWidth = width;
        if (pattern == null || pattern.length == 0) {
            dash = null;
        } else {
            dash = new double[pattern.length];
            for (int i = 0; i < pattern.length; i++) {
                dash[i] = pattern[i];
            }
        }
    }

    @Override
    public void setFill(int argb) {
        fill = color(argb);
    }

    /** Applied before every stroke: a popped clip (GraphicsContext.restore) also restores the old line state. */
    private void applyStroke() {
        g.setStroke(stroke);
        g.setLineWidth(strokeWidth);
        g.setLineDashes(dash);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineJoin(StrokeLineJoin.ROUND);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        applyStroke();
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void polyline(float[] xs, float[] ys, int n) {
        applyStroke();
        g.beginPath();
        tracePath(xs, ys, n);
        g.stroke();
    }

    private void tracePath(float[] xs, float[] ys, int n) {
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(xs[i]) || Float.isNaN(ys[i])) {
                pen = false;
            } else if (pen) {
                g.lineTo(xs[i], ys[i]);
            } else {
                g.moveTo(xs[i], ys[i]);
                pen = true;
            }
        }
    }

    @Override
    public void fillPolygon(float[] xs, float[] ys, int n) {
        if (n < 3) {
            return;
        }
        g.setFill(fill);
        g.beginPath();
        tracePath(xs, ys, n);
        g.closePath();
        g.fill();
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        g.setFill(fill);
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        applyStroke();
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void circles(float[] xs, float[] ys, int n, double r, boolean filled) {
        if (filled) {
            g.setFill(fill);
        } else {
            applyStroke();
        }
        for (int i = 0; i < n; i++) {
            if (filled) {
                g.fillOval(xs[i] - r, ys[i] - r, 2 * r, 2 * r);
            } else {
                g.strokeOval(xs[i] - r, ys[i] - r, 2 * r, 2 * r);
            }
        }
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees) {
        if (s.isEmpty()) {
            return;
        }
        g.setFont(font(size, bold));
        g.setFill(fill);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(align == Align.LEFT ? TextAlignment.LEFT
                : align == Align.CENTER ? TextAlignment.CENTER : TextAlignment.RIGHT);
        if (rotationDegrees == 0) {
            g.fillText(s, x, y);
        } else {
            g.save();
            g.translate(x, y);
            g.rotate(rotationDegrees);
            g.fillText(s, 0, 0);
            g.restore();
        }
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        if (s.isEmpty()) {
            return 0;
        }
        String key = (bold ? "b" : "n") + size + '|' + s;
        Double w = widths.get(key);
        if (w == null) {
            measurer.setBoundsType(TextBoundsType.LOGICAL);
            measurer.setFont(font(size, bold));
            measurer.setText(s);
            w = measurer.getLayoutBounds().getWidth();
            widths.put(key, w);
        }
        return w;
    }

    /** Cap height and descender depth measured on glyphs, as the PNG backend does. */
    private double[] metrics(double size, boolean bold) {
        long key = Math.round(size * 1000) * 2 + (bold ? 1 : 0);
        return metrics.computeIfAbsent(key, k -> {
            measurer.setBoundsType(TextBoundsType.LOGICAL);
            measurer.setFont(font(size, bold));
            measurer.setText("Hgjy");
            Bounds logical = measurer.getLayoutBounds();
            double logicalAscent = measurer.getBaselineOffset();
            double logicalDescent = logical.getHeight() - logicalAscent;
            measurer.setBoundsType(TextBoundsType.VISUAL);
            measurer.setText("HÅdλ");
            double capTop = -measurer.getLayoutBounds().getMinY();
            measurer.setText("gjpqy");
            double below = measurer.getLayoutBounds().getMaxY();
            return new double[] {Math.min(logicalAscent, capTop * 1.08), Math.min(logicalDescent, below * 1.1)};
        });
    }

    @Override
    public double ascent(double size, boolean bold) {
        return metrics(size, bold)[0];
    }

    @Override
    public double descent(double size, boolean bold) {
        return metrics(size, bold)[1];
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.beginPath();
    }

    @Override
    public void popClip() {
        g.restore();
    }

    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth) {
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        boolean was = g.isImageSmoothing();
        g.setImageSmoothing(smooth);
        g.drawImage(img, x, y, dw, dh);
        g.setImageSmoothing(was);
    }
}
