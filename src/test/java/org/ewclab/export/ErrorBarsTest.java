package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A line's band (mean ± SE over seeds) and a scatter's error bars, in SVG, PNG (Java2D), CSV and the axis range. */
class ErrorBarsTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    /** A line at y = 0.5 with a band 0.4..0.6, and a point at (0.5, 0.5) ± 0.2 across and ± 0.1 up and down. */
    private static Plot plot() {
        Series.Line line = new Series.Line("mean", Series.Style.of("#2ca02c"), FloatColumn.of(0f, 1f),
                FloatColumn.of(0.5f, 0.5f)).withBand(FloatColumn.of(0.4f, 0.4f), FloatColumn.of(0.6f, 0.6f));
        Series.Scatter point = Series.scatter("point", new float[] {0.5f}, new float[] {0.5f}, "#d62728")
                .withErrors(FloatColumn.of(0.2f), FloatColumn.of(0.1f));
        return Plot.builder().title("spread").x(new Axis("x", null, Axis.Scale.LINEAR, 0, 1, false, null))
                .y(new Axis("y", null, Axis.Scale.LINEAR, 0, 1, false, null)).add(line).add(point).build();
    }

    private static List<Element> elements(Element root, String name) {
        NodeList nl = root.getElementsByTagNameNS(SVG, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    private static Element group(Document d, String cssClass, String name) {
        return elements(d.getDocumentElement(), "g").stream().filter(g -> g.getAttribute("class").contains(cssClass)
                && g.getAttribute("data-name").equals(name)).findFirst().orElseThrow();
    }

    /** The points of an SVG path "Mx,yLx,y…Z". */
    private static double[][] points(String d) {
        String[] parts = d.replace("Z", "").split("[ML]");
        List<double[]> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                String[] xy = p.split(",");
                out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
        }
        return out.toArray(new double[0][]);
    }

    private static Document svg(Plot p) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(ChartExport.svgString(p, 800, 500,
                Theme.light()).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBandIsAFilledPolygonSymmetricAboutTheLineAndTheErrorBarsAreCentredOnThePoint() throws Exception {
        Document d = svg(plot());
        Element line = group(d, "series-line", "mean");
        List<Element> paths = elements(line, "path");
        assertEquals(2, paths.size(), "the band, then the line");
        Element band = paths.get(0);
        assertEquals("#2ca02c", band.getAttribute("fill"));
        assertEquals("0.2", band.getAttribute("fill-opacity"));
        double[][] b = points(band.getAttribute("d"));
        double[][] l = points(paths.get(1).getAttribute("d"));
        assertEquals(4, b.length, "along the upper edge, back along the lower");
        double lineY = l[0][1];
        double up = lineY - b[0][1];
        double down = b[3][1] - lineY;
        assertTrue(up > 10, "0.1 of a 0..1 axis is tens of pixels: " + up);
        assertEquals(up, down, 0.02, "± 0.1 on a linear axis: as far up as down");
        assertEquals(b[0][0], l[0][0], 0.01);
        assertEquals(b[1][0], l[1][0], 0.01);

        Element scatter = group(d, "series-scatter", "point");
        Element circle = elements(scatter, "circle").get(0);
        double cx = Double.parseDouble(circle.getAttribute("cx"));
        double cy = Double.parseDouble(circle.getAttribute("cy"));
        List<Element> lines = elements(scatter, "line");
        assertEquals(6, lines.size(), "a vertical and a horizontal bar, each with two caps");
        Element vertical = lines.get(0);
        assertEquals(cx, Double.parseDouble(vertical.getAttribute("x1")), 0.01);
        assertEquals(cx, Double.parseDouble(vertical.getAttribute("x2")), 0.01);
        double y1 = Double.parseDouble(vertical.getAttribute("y1"));
        double y2 = Double.parseDouble(vertical.getAttribute("y2"));
        assertEquals(cy, (y1 + y2) / 2, 0.01);
        assertEquals(2 * up, Math.abs(y1 - y2), 0.05, "± 0.1, the band's half-height each way");
        Element horizontal = lines.get(3);
        double x1 = Double.parseDouble(horizontal.getAttribute("x1"));
        double x2 = Double.parseDouble(horizontal.getAttribute("x2"));
        assertEquals(cx, (x1 + x2) / 2, 0.01);
        assertEquals(cy, Double.parseDouble(horizontal.getAttribute("y1")), 0.01);
        // ± 0.2 of the x axis is 0.4 of the band's x extent (0..1 spans the band)
        assertEquals(0.4 * (b[1][0] - b[0][0]), Math.abs(x2 - x1), 0.05);
    }

    @Test
    void pngShadesTheBandAndLeavesTheRestClear() throws Exception {
        Document d = svg(plot());
        double[][] b = points(elements(group(d, "series-line", "mean"), "path").get(0).getAttribute("d"));
        double[][] l = points(elements(group(d, "series-line", "mean"), "path").get(1).getAttribute("d"));
        BufferedImage img = ChartExport.image(plot(), 800, 500, 1, Theme.light());
        int x = (int) Math.round(b[0][0] + 0.2 * (b[1][0] - b[0][0])); // away from the point and its bars
        int inBand = img.getRGB(x, (int) Math.round((b[0][1] + l[0][1]) / 2)); // between the line and the upper edge
        int outside = img.getRGB(x, (int) Math.round(b[0][1] - 0.5 * (l[0][1] - b[0][1])));
        int background = img.getRGB(x, (int) Math.round(b[0][1] - 0.5 * (l[0][1] - b[0][1])) - 3);
        assertEquals(background, outside, "above the band: plot background");
        assertNotEquals(outside, inBand, "inside the band: tinted");
        // the tint is the line's green over white at 20%: green channel stays high, red and blue drop
        int r = (inBand >> 16) & 0xFF;
        int g = (inBand >> 8) & 0xFF;
        int bl = inBand & 0xFF;
        assertTrue(g > r && g > bl, Integer.toHexString(inBand));
    }

    @Test
    void theAxisRangeTakesInTheBandAndTheErrorBars() {
        Series.Line line = new Series.Line("m", Series.Style.of(null), FloatColumn.of(0f, 1f, 2f),
                FloatColumn.of(0.5f, 0.5f, 0.5f)).withBand(FloatColumn.of(0.1f, Float.NaN, 0.3f),
                FloatColumn.of(0.9f, Float.NaN, 0.6f));
        assertArrayEquals(new double[] {0.1f, 0.9f}, XyPainter.spreadExtent(line, false, false), 1e-7);
        assertNull(XyPainter.spreadExtent(line, true, false), "a band spreads y only");
        Series.Scatter s = Series.scatter("s", new float[] {1f, 3f}, new float[] {2f, 4f}, null)
                .withErrors(FloatColumn.of(0.5f, 1f), FloatColumn.of(0.25f, Float.NaN));
        assertArrayEquals(new double[] {0.5, 4}, XyPainter.spreadExtent(s, true, false), 1e-7);
        assertArrayEquals(new double[] {1.75, 2.25}, XyPainter.spreadExtent(s, false, false), 1e-7);
    }

    @Test
    void csvWritesTheBandEdgesAndTheErrorBarEnds() throws Exception {
        StringWriter w = new StringWriter();
        ChartExport.csv(plot(), w);
        String csv = w.toString();
        assertTrue(csv.contains("mean,band-lower,0.0,0.4,,\n"), csv);
        assertTrue(csv.contains("mean,band-upper,1.0,0.6,,\n"), csv);
        assertTrue(csv.contains("point,y-error-low,0.5,0.4,,\n"), csv);
        assertTrue(csv.contains("point,y-error-high,0.5,0.6,,\n"), csv);
        assertTrue(csv.contains("point,x-error-low,0.3,0.5,,\n"), csv);
        assertTrue(csv.contains("point,x-error-high,0.7,0.5,,\n"), csv);
    }

    @Test
    void aHeatMapWritesEachCellsErrorUnderItsValue() throws Exception {
        HeatMap h = new HeatMap(2, 1, FloatColumn.of(0.94f, 0.5f), ColorMap.VIRIDIS, 0, 1, List.of("A", "B"),
                List.of("after A"), "%.2f", "acc", false).withErrors(FloatColumn.of(0.012f, Float.NaN));
        assertEquals("±0.012", h.formatError(0), "one digit more than the value");
        assertEquals("", h.formatError(1), "no error where a cell has none");
        Plot p = Plot.builder().title("m").heatMap(h).legend(Plot.Legend.NONE).build();
        Document d = svg(p);
        List<String> texts = elements(d.getDocumentElement(), "text").stream().map(Element::getTextContent).toList();
        assertTrue(texts.contains("0.94") && texts.contains("±0.012") && texts.contains("0.50"), texts.toString());
        StringWriter w = new StringWriter();
        ChartExport.csv(p, w);
        assertTrue(w.toString().contains("after A ±,0.012,NaN\n"), w.toString());
    }
}
