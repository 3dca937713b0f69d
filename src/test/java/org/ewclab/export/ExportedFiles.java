package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * Content checks for exported files, in place of "the file is larger than N bytes": a PNG decodes to the size asked
 * for and holds a picture (background, ink and colour), an SVG is well-formed XML with an {@code <svg>} root of the
 * size asked for and some text, a CSV is a rectangle of fields under a header, JSON parses.
 */
public final class ExportedFiles {
    private ExportedFiles() {
    }

    /** A decoded PNG of exactly {@code w}×{@code h} pixels with at least {@code minColours} distinct colours. */
    static BufferedImage assertPng(Path file, int w, int h, int minColours) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " does not decode as an image");
        assertEquals(w, img.getWidth(), file + " width");
        assertEquals(h, img.getHeight(), file + " height");
        assertTrue(distinctColours(img, minColours) >= minColours,
                file + " holds fewer than " + minColours + " colours: a blank picture");
        return img;
    }

    /** How many pixels lie within 24 (summed over R, G, B) of the colour {@code hex} ("#rrggbb"). */
    public static int pixelsNear(BufferedImage img, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF))
                        + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) + Math.abs((p & 0xFF) - (rgb & 0xFF));
                if (d <= 24) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Number of distinct RGB values, counting stops at {@code enough}. */
    static int distinctColours(BufferedImage img, int enough) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
                if (seen.size() >= enough) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    /** Parses an SVG document; its root is {@code <svg>} with the given width and height, and it holds text. */
    static Document assertSvg(String svg, int w, int h, String where) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", d.getDocumentElement().getTagName(), where);
        assertEquals(w, (int) Math.round(Double.parseDouble(d.getDocumentElement().getAttribute("width"))),
                where + " width");
        assertEquals(h, (int) Math.round(Double.parseDouble(d.getDocumentElement().getAttribute("height"))),
                where + " height");
        return d;
    }

    static Document assertSvg(Path file, int w, int h) throws Exception {
        return assertSvg(Files.readString(file, StandardCharsets.UTF_8), w, h, file.toString());
    }

    /**
     * A CSV with a header and at least {@code minRows} rows, every row as many fields as the header (fields may be
     * quoted, with "" for a quote). Returns the rows, header first.
     */
    static List<List<String>> assertCsv(Path file, int minRows) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isEmpty()) {
                rows.add(fields(line));
            }
        }
        assertTrue(rows.size() >= 1 + minRows, file + ": " + (rows.size() - 1) + " rows, expected " + minRows + "+");
        int width = rows.get(0).size();
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(width, rows.get(i).size(), file + " row " + i + " has another number of fields than the header");
        }
        return rows;
    }

    static void assertJson(Path file) throws IOException {
        JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Any exported file by its extension; PNG and SVG sizes are those of a chart exported at w×h (1×). */
    static void assertWellFormed(Path file, int w, int h) throws Exception {
        String name = file.getFileName().toString();
        if (name.endsWith("@2x.png")) {
            assertPng(file, 2 * w, 2 * h, 3);
        } else if (name.endsWith(".png")) {
            assertPng(file, w, h, 3);
        } else if (name.endsWith(".svg")) {
            assertSvg(file, w, h);
        } else if (name.endsWith(".csv")) {
            assertCsv(file, 1);
        } else if (name.endsWith(".json")) {
            assertJson(file);
        } else if (name.endsWith(".html")) {
            String html = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(html.contains("<html") && html.contains("</html>"), file + " is a whole HTML page");
        } else {
            throw new AssertionError("no check for " + file);
        }
    }

    /** One CSV line's fields (RFC 4180: quoted fields, "" for a quote), as ChartExport writes them. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
