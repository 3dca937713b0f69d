package org.ewclab.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * A surface that writes SVG 1.1: one {@code <path>} per drawn line (a series is one path even with gaps), points as
 * {@code <circle>}s, real
 * {@code <text>}, a viewBox so it scales cleanly in a paper. Every shape states both its fill and stroke, so no
 * renderer paints a default black area. Crisp rasters (heat-map cells, digits) become rectangles. Text is
 * measured with the same metrics as the PNG backend; the font list names DejaVu Sans first for the same widths,
 * then common CJK fonts for Chinese text.
 */
public final class SvgSurface implements Surface {
    private final StringBuilder out = new StringBuilder(1 << 16);
    private final double width;
    private final double height;
    private int openClips;
    private int clipIds;
    private int openGroups;
    private String stroke = "#000000";
    private double strokeOpacity = 1;
    private double strokeWidth = 1;
    private String dash = "";
    private String fill = "#000000";
    private double fillOpacity = 1;
    private boolean finished;

    public SvgSurface(double width, double height) {
        this.width = width;
        this.height = height;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" version=\"1.1\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" font-family=\"").append(escape(AwtFonts.SVG_FAMILY)).append("\">\n");
    }

    /** Closes the document and returns it; drawing after this is an error. */
    public String finish() {
        if (!finished) {
            while (openClips > 0) {
                popClip();
            }
            while (openGroups > 0) {
                endGroup();
            }
            out.append("</svg>\n");
            finished = true;
        }
        return out.toString();
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    private StringBuilder open() {
        if (finished) {
            throw new IllegalStateException("the SVG document is finished");
        }
        return out;
    }

    @Override
    public void setStroke(int argb, double w, float[] pattern) {
        stroke = Argb.rgbHex(argb);
        strokeOpacity = Argb.alpha(argb) / 255.0;
        strokeWidth = w;
        if (pattern == null || pattern.length == 0) {
            dash = "";
        } else {
            StringBuilder sb = new StringBuilder();
            for (float f : pattern) {
                sb.append(sb.length() == 0 ? "" : ",").append(num(f));
            }
            dash = sb.toString();
        }
    }

    @Override
    public void setFill(int argb) {
        fill = Argb.rgbHex(argb);
        fillOpacity = Argb.alpha(argb) / 255.0;
    }

    private void strokeAttributes(StringBuilder sb) {
        sb.append(" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(num(strokeWidth))
                .append("\" stroke-linejoin=\"round\"");
        if (strokeOpacity < 1) {
            sb.append(" stroke-opacity=\"").append(num3(strokeOpacity)).append('"');
        }
        if (!dash.isEmpty()) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }

    private void fillAttributes(StringBuilder sb) {
        sb.append(" fill=\"").append(fill).append("\" stroke=\"none\"");
        if (fillOpacity < 1) {
            sb.append(" fill-opacity=\"").append(num3(fillOpacity)).append('"');
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        StringBuilder sb = open().append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1))
                .append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append('"');
        strokeAttributes(sb);
        sb.append("/>\n");
    }

    @Override
    public void polyline(float[] xs, float[] ys, int n) {
        String d = pathData(xs, ys, n, false);
        if (d.isEmpty()) {
            return;
        }
        StringBuilder sb = open().append("<path d=\"").append(d).append('"');
        strokeAttributes(sb);
        sb.append("/>\n");
    }

    @Override
    public void fillPolygon(float[] xs, float[] ys, int n) {
        String d = pathData(xs, ys, n, true);
        if (d.isEmpty()) {
            return;
        }
        StringBuilder sb = open().append("<path d=\"").append(d).append('"');
        fillAttributes(sb);
        sb.append("/>\n");
    }

    private static String pathData(float[] xs, float[] ys, int n, boolean close) {
        StringBuilder d = new StringBuilder(n * 14);
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(xs[i]) || Float.isNaN(ys[i])) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(num(xs[i])).append(',').append(num(ys[i]));
            pen = true;
        }
        if (close && d.length() > 0) {
            d.append('Z');
        }
        return d.toString();
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        StringBuilder sb = open().append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append('"');
        fillAttributes(sb);
        sb.append("/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        StringBuilder sb = open().append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append('"');
        strokeAttributes(sb);
        sb.append("/>\n");
    }

    /** One {@code <circle>} per point: a series' only {@code <path>} stays its line. */
    @Override
    public void circles(float[] xs, float[] ys, int n, double r, boolean filled) {
        String rr = num(r);
        StringBuilder attributes = new StringBuilder();
        if (filled) {
            fillAttributes(attributes);
        } else {
            strokeAttributes(attributes);
        }
        StringBuilder sb = open();
        for (int i = 0; i < n; i++) {
            sb.append("<circle cx=\"").append(num(xs[i])).append("\" cy=\"").append(num(ys[i])).append("\" r=\"")
                    .append(rr).append('"').append(attributes).append("/>\n");
        }
    }

    @Override
    public void text(String s, double x, double y, double size, boolean bold, Align align, double rotationDegrees) {
        if (s.isEmpty()) {
            return;
        }
        StringBuilder sb = open().append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" font-size=\"").append(num(size)).append('"');
        if (bold) {
            sb.append(" font-weight=\"bold\"");
        }
        if (align != Align.LEFT) {
            sb.append(" text-anchor=\"").append(align == Align.CENTER ? "middle" : "end").append('"');
        }
        sb.append(" fill=\"").append(fill).append('"');
        if (fillOpacity < 1) {
            sb.append(" fill-opacity=\"").append(num3(fillOpacity)).append('"');
        }
        if (rotationDegrees != 0) {
            sb.append(" transform=\"rotate(").append(num(rotationDegrees)).append(' ').append(num(x)).append(' ')
                    .append(num(y)).append(")\"");
        }
        sb.append('>').append(escape(s)).append("</text>\n");
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
        String id = "ewc-clip-" + (++clipIds);
        open().append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h))
                .append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
        openClips++;
    }

    @Override
    public void popClip() {
        if (openClips == 0) {
            throw new IllegalStateException("popClip without pushClip");
        }
        open().append("</g>\n");
        openClips--;
    }

    /** Above this many pixels a crisp raster is embedded as a PNG instead of drawn as rectangles. */
    static final int MAX_VECTOR_PIXELS = 128 * 128;

    /**
     * A crisp raster (a heat map, a digit) becomes one rectangle per run of equal pixels: renderers such as librsvg
     * and Inkscape ignore {@code image-rendering} and would blur 28×28 cells into gradients that are not in the data.
     * Smooth or very large rasters are embedded as PNG.
     */
    @Override
    public void image(int[] argb, int w, int h, double x, double y, double dw, double dh, boolean smooth) {
        if (!smooth && (long) w * h <= MAX_VECTOR_PIXELS) {
            vectorImage(argb, w, h, x, y, dw / w, dh / h);
            return;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = open().append("<image x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(dw)).append("\" height=\"").append(num(dh))
                .append("\" preserveAspectRatio=\"none\"");
        if (!smooth) {
            sb.append(" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"");
        }
        sb.append(" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
    }

    private void vectorImage(int[] argb, int w, int h, double x, double y, double cw, double ch) {
        // crispEdges: no anti-aliased hairline seams between neighbouring cells
        StringBuilder sb = open().append("<g class=\"raster\" shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < h; r++) {
            int c = 0;
            while (c < w) {
                int color = argb[r * w + c];
                int end = c + 1;
                while (end < w && argb[r * w + end] == color) {
                    end++;
                }
                if (Argb.alpha(color) > 0) {
                    sb.append("<rect x=\"").append(num(x + c * cw)).append("\" y=\"").append(num(y + r * ch))
                            .append("\" width=\"").append(num((end - c) * cw)).append("\" height=\"")
                            .append(num(ch)).append("\" fill=\"").append(Argb.rgbHex(color))
                            .append("\" stroke=\"none\"");
                    if (Argb.alpha(color) < 255) {
                        sb.append(" fill-opacity=\"").append(num3(Argb.alpha(color) / 255.0)).append('"');
                    }
                    sb.append("/>\n");
                }
                c = end;
            }
        }
        sb.append("</g>\n");
    }

    @Override
    public void beginGroup(String cssClass, String title) {
        StringBuilder sb = open().append("<g class=\"").append(escape(cssClass)).append('"');
        if (title != null) {
            sb.append(" data-name=\"").append(escape(title)).append("\"><title>").append(escape(title))
                    .append("</title>\n");
        } else {
            sb.append(">\n");
        }
        openGroups++;
    }

    @Override
    public void endGroup() {
        if (openGroups > 0) {
            open().append("</g>\n");
            openGroups--;
        }
    }

    /** Two decimals, no trailing zeros: 1/100 px is finer than any display or print. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long r = Math.round(v * 100);
        if (r == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(12);
        if (r < 0) {
            sb.append('-');
            r = -r;
        }
        sb.append(r / 100);
        int frac = (int) (r % 100);
        if (frac != 0) {
            sb.append('.');
            if (frac < 10) {
                sb.append('0').append(frac);
            } else {
                sb.append(frac % 10 == 0 ? frac / 10 : frac);
            }
        }
        return sb.toString();
    }

    private static String num3(double v) {
        return Double.toString(Math.round(v * 1000) / 1000.0);
    }

    /** XML text or attribute content: the five special characters escaped, characters XML 1.0 forbids dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
