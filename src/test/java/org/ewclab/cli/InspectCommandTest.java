package org.ewclab.cli;

import static org.ewclab.data.IdxBytes.gzip;
import static org.ewclab.data.IdxBytes.images;
import static org.ewclab.data.IdxBytes.labels;
import static org.ewclab.data.IdxBytes.truncate;
import static org.ewclab.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int inspect(Object... files) {
        String[] args = new String[files.length + 1];
        args[0] = "inspect";
        for (int i = 0; i < files.length; i++) {
            args[i + 1] = files[i].toString();
        }
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void checksAnIdxPairAndPrintsCountsPerClass() {
        Path images = write(dir, "train-images.gz", gzip(images(5, 4, 3)));
        Path labels = write(dir, "train-labels.gz", gzip(labels(0, 1, 1, 2, 1)));
        assertEquals(0, inspect(images, labels));
        assertEquals(List.of(
                images.toString(),
                labels.toString(),
                "  format   IDX images + labels, gzip",
                "  samples  5",
                "  shape    4x3",
                "  labels   3 classes",
                "           0  1   20.0%",
                "           1  3   60.0%",
                "           2  1   20.0%"), outLines());
        assertEquals(List.of(), errLines());
    }

    @Test
    void describesAnImagesFileAloneAsHavingNoLabels() {
        Path images = write(dir, "images.idx", images(5, 28, 28));
        assertEquals(0, inspect(images));
        assertEquals(List.of(images.toString(), "  format   IDX images, not compressed", "  samples  5",
                "  shape    28x28", "  labels   no labels"), outLines());
    }

    @Test
    void describesACsvFileWithItsHeaderAndScale() throws Exception {
        Path csv = Files.writeString(dir.resolve("points.csv"), "label,x,y\n0,0.5,1.5\n1,2,3\n1,4,5\n");
        assertEquals(0, inspect(csv));
        List<String> lines = outLines();
        assertEquals("  format   CSV, not compressed", lines.get(1));
        assertEquals("  shape    2 features", lines.get(3));
        assertEquals("           1  2   66.7%", lines.get(6));
        assertEquals("  note     header row; labels in column 1 ('label')", lines.get(7));
    }

    @Test
    void describesAnImageFolderWithItsSizeRangeAndClasses() throws Exception {
        for (String[] image : new String[][] {{"cat/a.png", "4"}, {"cat/b.png", "6"}, {"dog/a.png", "5"}}) {
            Path file = dir.resolve("pets").resolve(image[0]);
            Files.createDirectories(file.getParent());
            int side = Integer.parseInt(image[1]);
            ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        }
        assertEquals(0, inspect(dir.resolve("pets")));
        assertEquals(List.of(dir.resolve("pets").toString(), "  format   image folder", "  samples  3",
                "  shape    from 4x4 to 6x6", "  labels   2 classes", "           cat  2   66.7%",
                "           dog  1   33.3%", "  note     a task loads them as greyscale 28x28"), outLines());
    }

    @Test
    void reportsATruncatedFileOnOneStderrLineWithExitCodeTwo() {
        Path broken = write(dir, "broken.idx", truncate(images(5, 28, 28), 1000));
        assertEquals(2, inspect(broken));
        assertEquals(List.of("inspect: " + broken + ": truncated: the header declares 5 images of 28x28 (3920 bytes)"
                + " but only 984 bytes follow"), errLines());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsAPairWhoseCountsDifferOnOneLine() {
        Path images = write(dir, "images.idx", images(4, 2, 2));
        Path labels = write(dir, "labels.idx", labels(0, 1, 1));
        assertEquals(2, inspect(images, labels));
        assertEquals(List.of("inspect: " + labels + ": 3 labels, but images.idx holds 4 images"), errLines());
    }

    @Test
    void goesOnAfterABadFileAndStillFailsTheRun() {
        Path labels = write(dir, "labels.idx", labels(0, 1));
        assertEquals(2, inspect(dir.resolve("missing.gz"), labels));
        assertEquals(List.of("inspect: " + dir.resolve("missing.gz") + ": no such file"), errLines());
        assertTrue(outLines().contains("  format   IDX labels, not compressed"));
    }

    @Test
    void rejectsAFileThatIsNoDataset() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.md"), "# Notes\nnothing here\n");
        assertEquals(2, inspect(text));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).startsWith("inspect: " + text + ": not a dataset file"), errLines().get(0));
    }

    @Test
    void withoutFilesPrintsUsageAndExitsTwo() {
        assertEquals(2, inspect());
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).contains("usage: java -jar ewc-lab.jar inspect FILE..."));
    }
}
