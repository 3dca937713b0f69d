package org.ewclab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Chinese chart text in PNG (Java2D, with a CJK fallback font) and SVG (a font-family list naming CJK fonts). */
class ChineseTextExportTest {
    private static final String FORGETTING = "灾难性遗忘：任务 A 的准确率";
    private static final String EWC = "弹性权重固化：费舍尔信息 F";

    private static boolean someFontShowsChinese() {
        return Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .anyMatch(f -> new Font(f, Font.PLAIN, 12).canDisplayUpTo(FORGETTING) == -1);
    }

    private static Plot plot(String title) {
        return Plot.builder().title(title)
                .x(Axis.linear("训练步数", null)).y(Axis.linear("准确率", null).withRange(0, 1))
                .line("EWC", new float[] {0, 1, 2}, new float[] {0.2f, 0.5f, 0.9f}, MethodColors.EWC).build();
    }

    @Test
    void chineseTextIsDrawnWithAFontThatHasEveryGlyph() {
        assumeTrue(someFontShowsChinese(), "no CJK font installed (Debian: fonts-noto-cjk)");
        Font f = AwtFonts.font(FORGETTING, 17, true);
        assertEquals(-1, f.canDisplayUpTo(FORGETTING), "chosen font " + f.getFontName() + " lacks a glyph");
        GlyphVector gv = f.createGlyphVector(new FontRenderContext(null, true, true), FORGETTING);
        for (int i = 0; i < gv.getNumGlyphs(); i++) {
            assertNotEquals(f.getMissingGlyphCode(), gv.getGlyphCode(i), "glyph " + i + " is the missing-glyph box");
        }
        assertTrue(AwtFonts.width(FORGETTING, 17, true) > 17 * 8, "13 wide glyphs take room");
    }

    @Test
    void latinTextKeepsTheBaseFont() {
        assertSame(AwtFonts.font(17, true), AwtFonts.font("Accuracy on task A (λ = 400)", 17, true));
    }

    @Test
    void twoChineseTitlesDrawDifferentGlyphsNotTheSameBoxes() {
        assumeTrue(someFontShowsChinese(), "no CJK font installed (Debian: fonts-noto-cjk)");
        // same length, different characters: empty boxes ("tofu") would make the two title bands identical
        BufferedImage a = ChartExport.image(plot(FORGETTING), 600, 400, 1, Theme.light());
        BufferedImage b = ChartExport.image(plot("参数漂移：交叉熵与惩罚项损失"), 600, 400, 1, Theme.light());
        int bg = a.getRGB(1, 1);
        int inkA = 0;
        int inkB = 0;
        int differ = 0;
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 600; x++) {
                inkA += a.getRGB(x, y) != bg ? 1 : 0;
                inkB += b.getRGB(x, y) != bg ? 1 : 0;
                differ += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(inkA > 300 && inkB > 300, "title ink " + inkA + " / " + inkB);
        assertTrue(differ > 300, "title bands differ in only " + differ + " pixels: glyphs or boxes?");
    }

    @Test
    void svgNamesCommonCjkFontsAndKeepsTheText() {
        String svg = ChartExport.svgString(plot(EWC), 600, 400, Theme.light());
        int at = svg.indexOf("font-family=\"");
        assertTrue(at > 0, "root font-family");
        String family = svg.substring(at + 13, svg.indexOf('"', at + 13));
        for (String f : new String[] {"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei"}) {
            assertTrue(family.contains("&apos;" + f + "&apos;") || family.contains("'" + f + "'"), f + " in " + family);
        }
        assertTrue(family.endsWith("sans-serif"), family);
        assertTrue(family.indexOf("DejaVu Sans") < family.indexOf("Noto Sans CJK SC"),
                "Latin glyphs keep the widths they were measured with");
        assertTrue(svg.contains(">" + EWC + "<"), "the title is in the SVG as text");
    }
}
