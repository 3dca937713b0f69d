package org.ewclab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    /** Writes a grey image whose every pixel is {@code value}, in the given format ("png", "jpg"). */
    private Path grey(String relative, int height, int width, int value, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return save(relative, image, format);
    }

    private Path save(String relative, BufferedImage image, String format) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
        return file;
    }

    private DatasetFormatException failure(Path folder, Path culprit) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> DatasetFiles.readImageFolderAtOriginalSize(folder));
        assertEquals(culprit, e.file());
        assertTrue(e.getMessage().startsWith(culprit + ": "), e.getMessage());
        return e;
    }

    @Test
    void readsOneClassPerSubFolderInNameOrder() throws Exception {
        grey("set/dog/a.png", 2, 3, 10, "png");
        grey("set/cat/b.png", 2, 3, 20, "png");
        grey("set/cat/a.png", 2, 3, 30, "png");
        Dataset d = DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set"));
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
        assertArrayEquals(new int[] {2, 3}, d.sampleShape());
        assertEquals(30, d.pixel(0, 0)); // cat/a.png before cat/b.png
        assertEquals(20, d.pixel(1, 5));
        assertEquals("set", d.name());
    }

    @Test
    void readsGreyImagesWithoutShiftingMidGreys() throws Exception {
        grey("set/a/x.png", 1, 1, 128, "png");
        assertEquals(128, DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set")).pixel(0, 0));
    }

    @Test
    void turnsColourToGreyByLuminance() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x00FF00);
        image.setRGB(2, 0, 0x0000FF);
        save("set/a/rgb.png", image, "png");
        Dataset d = DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set"));
        assertEquals(Math.round(0.299 * 255), d.pixel(0, 0));
        assertEquals(Math.round(0.587 * 255), d.pixel(0, 1));
        assertEquals(Math.round(0.114 * 255), d.pixel(0, 2));
    }

    @Test
    void readsJpeg() throws Exception {
        grey("set/a/x.jpg", 8, 8, 200, "jpg");
        Dataset d = DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set"));
        assertEquals(200, d.pixel(0, 27), 3); // JPEG is lossy, but a flat block survives almost exactly
    }

    @Test
    void resizesToTwentyEightSquareByDefault() throws Exception {
        grey("set/a/big.png", 100, 60, 77, "png");
        grey("set/b/small.png", 7, 7, 99, "png");
        Dataset d = DatasetFiles.readImageFolder(dir.resolve("set"));
        assertArrayEquals(new int[] {28, 28}, d.sampleShape());
        assertEquals(77, d.pixel(0, 400));
        assertEquals(99, d.pixel(1, 400));
    }

    @Test
    void shrinksByAveragingTheAreaEachPixelCovers() throws Exception {
        // Stripes one pixel wide: sampling every other column would give all-black or all-white; averaging gives grey.
        BufferedImage stripes = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                stripes.getRaster().setSample(x, y, 0, x % 2 == 0 ? 0 : 200);
            }
        }
        save("set/a/stripes.png", stripes, "png");
        Dataset d = DatasetFiles.readImageFolder(dir.resolve("set"), 4, 4);
        for (int k = 0; k < 16; k++) {
            assertEquals(100, d.pixel(0, k));
        }
    }

    @Test
    void enlargesBilinearlyBetweenPixelCentres() throws Exception {
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        two.getRaster().setSample(0, 0, 0, 0);
        two.getRaster().setSample(1, 0, 0, 200);
        save("set/a/two.png", two, "png");
        Dataset d = DatasetFiles.readImageFolder(dir.resolve("set"), 1, 4);
        // Output centres at input x = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped).
        assertArrayEquals(new int[] {0, 50, 150, 200},
                new int[] {d.pixel(0, 0), d.pixel(0, 1), d.pixel(0, 2), d.pixel(0, 3)});
    }

    @Test
    void skipsHiddenFilesAndLooseFilesBesideTheClassFolders() throws Exception {
        grey("set/a/x.png", 2, 2, 1, "png");
        Files.writeString(dir.resolve("set/a/.DS_Store"), "junk");
        Files.writeString(dir.resolve("set/README.txt"), "about this set");
        assertEquals(1, DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set")).size());
    }

    @Test
    void keepsAnEmptyClassFolderAsAClassWithoutSamples() throws Exception {
        grey("set/a/x.png", 2, 2, 1, "png");
        Files.createDirectories(dir.resolve("set/b"));
        grey("set/c/y.png", 2, 2, 1, "png");
        Dataset d = DatasetFiles.readImageFolderAtOriginalSize(dir.resolve("set"));
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.classCounts());
    }

    @Test
    void rejectsAFileThatIsNotAnImageNamingIt() throws Exception {
        grey("set/a/x.png", 2, 2, 1, "png");
        Path notes = Files.writeString(dir.resolve("set/a/notes.txt"), "not a picture");
        assertEquals("not an image (expected PNG or JPEG)", failure(dir.resolve("set"), notes).problem());
    }

    @Test
    void rejectsACorruptImageNamingIt() throws Exception {
        Path png = grey("set/a/x.png", 16, 16, 1, "png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(bytes, 40)); // the PNG signature and header, then nothing
        assertTrue(failure(dir.resolve("set"), png).problem().startsWith("cannot read the image ("));
    }

    @Test
    void rejectsAFolderWithoutClassFolders() throws Exception {
        grey("set/x.png", 2, 2, 1, "png");
        Path set = dir.resolve("set");
        assertEquals("no class folders: expected one sub-folder per class (e.g. cat/ and dog/) holding PNG or JPEG"
                + " images", failure(set, set).problem());
    }

    @Test
    void rejectsClassFoldersWithoutAnyImage() throws Exception {
        Files.createDirectories(dir.resolve("set/a"));
        Files.createDirectories(dir.resolve("set/b"));
        Path set = dir.resolve("set");
        assertEquals("no images in any class folder (a, b)", failure(set, set).problem());
    }

    @Test
    void rejectsImagesOfDifferentSizesWhenNotResizing() throws Exception {
        Path first = grey("set/a/1.png", 4, 4, 1, "png");
        Path other = grey("set/a/2.png", 4, 5, 1, "png");
        assertEquals("image is 4x5 pixels but " + first + " is 4x4 (images must share one size unless they are"
                + " resized)", failure(dir.resolve("set"), other).problem());
    }

    @Test
    void rejectsAMissingFolder() {
        Path missing = dir.resolve("nowhere");
        assertEquals("no such folder", failure(missing, missing).problem());
    }

    @Test
    void rejectsAFileWhereAFolderIsExpected() throws Exception {
        Path file = Files.writeString(dir.resolve("file.png"), "x");
        assertEquals("is a file, expected a folder with one sub-folder per class", failure(file, file).problem());
    }
}
