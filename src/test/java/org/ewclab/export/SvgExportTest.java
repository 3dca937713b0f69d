package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgExportTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String name) {
        NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    private static List<Element> lineSeriesGroups(Document d) {
        return elements(d, "g").stream().filter(g -> g.getAttribute("class").contains("series-line")).toList();
    }

    private static String allText(Document d) {
        StringBuilder sb = new StringBuilder();
        for (Element t : elements(d, "text")) {
            sb.append(t.getTextContent()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void holdsOnePathPerVisibleLineSeriesWithTitleAxesAndLegend() throws Exception {
        Plot plot = SamplePlots.forgettingCurve();
        Document d = parse(ChartExport.svgString(plot, 800, 500, Theme.light()));

        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals("0 0 800 500", d.getDocumentElement().getAttribute("viewBox"));
        List<Element> groups = lineSeriesGroups(d);
        assertEquals(plot.series().size(), groups.size());
        for (Element g : groups) {
            assertEquals(1, g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength(),
                    "one path for " + g.getAttribute("data-name"));
        }
        String text = allText(d);
        assertTrue(text.contains(plot.title()));
        assertTrue(text.contains("training step"));
        assertTrue(text.contains("test accuracy"));
        for (Series s : plot.series()) {
            assertTrue(text.contains(s.name()), "legend names " + s.name());
        }
        assertTrue(text.contains("task B starts"));
    }

    @Test
    void aLineWithIsolatedPointsIsStillOnePathWithDotsBeside() throws Exception {
        Plot plot = Plot.builder().add(Series.line("first evaluation", new float[] {0}, new float[] {0.1f},
                MethodColors.EWC)).add(Series.line("gappy", new float[] {0, 1, 2, 3, 4},
                new float[] {1, 2, Float.NaN, 3, Float.NaN}, MethodColors.PLAIN)).build();
        Document d = parse(ChartExport.svgString(plot, 400, 300, Theme.light()));
        List<Element> groups = lineSeriesGroups(d);
        assertEquals(2, groups.size());
        assertEquals(1, groups.get(0).getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength(),
                "still its one path, though a single point draws no visible line");
        assertEquals(1, groups.get(0).getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength(),
                "but a dot");
        assertEquals(1, groups.get(1).getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength());
        assertEquals(1, groups.get(1).getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
    }

    @Test
    void aHiddenSeriesHasNoPathButKeepsItsLegendEntry() throws Exception {
        Plot plot = SamplePlots.forgettingCurve().withHidden(java.util.Set.of("EWC · task A"));
        Document d = parse(ChartExport.svgString(plot, 800, 500, Theme.light()));
        assertEquals(plot.series().size() - 1, lineSeriesGroups(d).size());
        assertTrue(allText(d).contains("EWC · task A"));
    }

    @Test
    void everyShapeStatesItsFillSoNothingTurnsBlack() throws Exception {
        for (Plot plot : SamplePlots.all().values()) {
            Document d = parse(ChartExport.svgString(plot, 800, 500, Theme.dark()));
            for (String name : new String[] {"path", "rect", "line", "circle", "text"}) {
                for (Element e : elements(d, name)) {
                    if (e.getParentNode() instanceof Element p && p.getLocalName().equals("clipPath")) {
                        continue;
                    }
                    assertTrue(e.hasAttribute("fill"), plot.title() + ": <" + name + "> without fill");
                    if (!name.equals("text")) {
                        assertTrue(e.hasAttribute("stroke"), plot.title() + ": <" + name + "> without stroke");
                    }
                }
            }
            for (Element p : elements(d, "path")) {
                if (!p.getAttribute("stroke").equals("none")) {
                    assertEquals("none", p.getAttribute("fill"), "a stroked path is not filled");
                }
            }
        }
    }

    @Test
    void escapesMarkupInNames() throws Exception {
        Plot plot = Plot.builder().title("<b>A & B</b> \"quoted\" 'apos'")
                .add(Series.line("a<b & c>\u0001d", new float[] {0, 1}, new float[] {0, 1}, "#d62728")).build();
        Document d = parse(ChartExport.svgString(plot, 400, 300, Theme.light()));
        String text = allText(d);
        assertTrue(text.contains("<b>A & B</b> \"quoted\" 'apos'"));
        assertTrue(text.contains("a<b & c>d"), "control character dropped, the rest kept");
    }

    @Test
    void aHundredThousandPointsBecomeAFewPerPixelColumn() throws Exception {
        Document d = parse(ChartExport.svgString(SamplePlots.longLoss(100_000), 800, 500, Theme.light()));
        for (Element g : lineSeriesGroups(d)) {
            Element path = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);
            long points = path.getAttribute("d").chars().filter(c -> c == 'L' || c == 'M').count();
            assertTrue(points <= 4 * 800, "thinned to " + points + " points");
            assertTrue(points > 800, "but not below one per column: " + points);
        }
    }

    @Test
    void heatMapCellsAreVectorRectanglesNotABlurrableImage() throws Exception {
        Document d = parse(ChartExport.svgString(SamplePlots.accuracyMatrix(), 800, 500, Theme.light()));
        Element heat = elements(d, "g").stream().filter(g -> g.getAttribute("class").equals("heatmap"))
                .findFirst().orElseThrow();
        Element raster = (Element) heat.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g").item(0);
        assertEquals("crispEdges", raster.getAttribute("shape-rendering"));
        NodeList cells = raster.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        assertEquals(4, cells.getLength());
        float[] acc = {0.97f, 0.09f, 0.35f, 0.84f};
        for (int i = 0; i < 4; i++) {
            assertEquals(Argb.rgbHex(ColorMap.VIRIDIS.argb(acc[i])), ((Element) cells.item(i)).getAttribute("fill"));
        }
        String text = allText(d);
        for (String v : new String[] {"0.97", "0.09", "0.35", "0.84", "task A (digits)", "after training"}) {
            assertTrue(text.contains(v), "cell or label " + v);
        }
        Document importance = parse(ChartExport.svgString(SamplePlots.importanceMap(), 800, 500, Theme.light()));
        assertTrue(elements(importance, "image").stream().noneMatch(i -> i.getAttribute("style")
                .contains("pixelated")), "28×28 cells and digits are rectangles too");
    }

    @Test
    void numbersAreShortAndExact() {
        assertEquals("0", SvgSurface.num(0.001));
        assertEquals("12.5", SvgSurface.num(12.5));
        assertEquals("-3.07", SvgSurface.num(-3.0712));
        assertEquals("800", SvgSurface.num(800));
    }
}
