package org.ewclab.data;

import static org.ewclab.data.IdxBytes.concat;
import static org.ewclab.data.IdxBytes.gzip;
import static org.ewclab.data.IdxBytes.header;
import static org.ewclab.data.IdxBytes.images;
import static org.ewclab.data.IdxBytes.labels;
import static org.ewclab.data.IdxBytes.pattern;
import static org.ewclab.data.IdxBytes.truncate;
import static org.ewclab.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path labelsOf3;

    private Path goodLabels() {
        if (labelsOf3 == null) {
            labelsOf3 = write(dir, "labels.idx", labels(2, 0, 1));
        }
        return labelsOf3;
    }

    /** Reads the pair and returns the failure, checking that its message is "file: problem" for that file. */
    private DatasetFormatException failure(Path images, Path labels, List<String> classes, Path culprit) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> DatasetFiles.readIdx(images, labels, classes));
        assertEquals(culprit, e.file());
        assertTrue(e.getMessage().startsWith(culprit + ": "), e.getMessage());
        return e;
    }

    private DatasetFormatException imagesFailure(byte[] imagesFile) {
        Path images = write(dir, "images.idx", imagesFile);
        return failure(images, goodLabels(), null, images);
    }

    private static void assertProblem(String expectedPart, DatasetFormatException e) {
        assertTrue(e.problem().contains(expectedPart), () -> "expected '" + expectedPart + "' in: " + e.getMessage());
    }

    @Test
    void readsAnImagesAndLabelsPairAsOneDataset() throws Exception {
        Path images = write(dir, "images.idx", images(3, 2, 4));
        Dataset d = DatasetFiles.readIdx(images, goodLabels(), null);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {2, 4}, d.sampleShape());
        assertArrayEquals(pattern(24), d.pixels());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertEquals("images.idx", d.name());
    }

    @Test
    void numbersClassesUpToTheLargestLabel() throws Exception {
        Path images = write(dir, "images.idx", images(3, 1, 1));
        Path labels = write(dir, "sparse.idx", labels(0, 5, 0));
        assertEquals(Dataset.numberedClasses(6), DatasetFiles.readIdx(images, labels, null).classNames());
    }

    @Test
    void usesTheGivenClassNames() throws Exception {
        Path images = write(dir, "images.idx", images(3, 1, 1));
        Dataset d = DatasetFiles.readIdx(images, goodLabels(), List.of("cat", "dog", "bird"));
        assertEquals(List.of("cat", "dog", "bird"), d.classNames());
    }

    @Test
    void recognisesGzipByContentNotByName() throws Exception {
        Path images = write(dir, "images.idx", gzip(images(3, 2, 2)));
        Path labels = write(dir, "labels.gz", labels(2, 0, 1));
        Dataset d = DatasetFiles.readIdx(images, labels, null);
        assertArrayEquals(pattern(12), d.pixels());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
    }

    @Test
    void rejectsAWrongMagic() {
        DatasetFormatException e = imagesFailure(concat(header(0x12345678, 3, 1, 1), new byte[3]));
        assertProblem("not an IDX file: magic 0x12345678, expected 0x00000801 (labels) or 0x00000803 (images)", e);
    }

    @Test
    void rejectsElementTypesOtherThanUnsignedBytes() {
        DatasetFormatException e = imagesFailure(concat(header(0x00000D03, 3, 1, 1), new byte[12]));
        assertProblem("IDX element type 0x0D (float) is not supported, only unsigned bytes (0x08)", e);
    }

    @Test
    void rejectsDimensionCountsOtherThanOneOrThree() {
        DatasetFormatException e = imagesFailure(concat(header(0x00000802, 3, 1), new byte[3]));
        assertProblem("IDX file of 2 dimensions (magic 0x00000802)", e);
    }

    @Test
    void rejectsALabelsFileWhereImagesAreExpected() {
        DatasetFormatException e = imagesFailure(labels(1, 2, 3));
        assertProblem("holds IDX labels, expected IDX images (magic 0x00000803)", e);
    }

    @Test
    void rejectsAnEmptyFile() {
        assertProblem("empty file", imagesFailure(new byte[0]));
    }

    @Test
    void rejectsGzipDataThatHoldsNoBytes() {
        assertProblem("empty file (the gzip data holds no bytes)", imagesFailure(gzip(new byte[0])));
    }

    @Test
    void rejectsATruncatedMagic() {
        assertProblem("truncated header: 2 of the 4 magic bytes", imagesFailure(new byte[] {0, 0}));
    }

    @Test
    void rejectsTruncatedDimensions() {
        DatasetFormatException e = imagesFailure(truncate(images(3, 1, 1), 9));
        assertProblem("truncated header: 3 dimension sizes (12 bytes) expected after the magic, the file ends after 5",
                e);
    }

    @Test
    void rejectsATruncatedBody() {
        DatasetFormatException e = imagesFailure(truncate(images(3, 2, 2), 16 + 10));
        assertProblem("truncated: the header declares 3 images of 2x2 (12 bytes) but only 10 bytes follow", e);
    }

    @Test
    void rejectsATruncatedBodyInsideGzip() {
        DatasetFormatException e = imagesFailure(gzip(truncate(images(3, 2, 2), 16 + 10)));
        assertProblem("truncated: the header declares 3 images of 2x2 (12 bytes) but the data ends after 10 bytes", e);
    }

    @Test
    void rejectsAPlainHeaderClaimingMoreImagesThanTheFileHolds() {
        DatasetFormatException e = imagesFailure(concat(header(0x803, 1L << 31, 28, 28), new byte[784]));
        assertProblem("the header declares 2147483648 images of 28x28 (1683627180032 bytes) but only 784 bytes follow",
                e);
    }

    @Test
    void rejectsAGzipHeaderClaimingMoreThanTwoGibibytes() {
        DatasetFormatException e = imagesFailure(gzip(concat(header(0x803, 1L << 31, 28, 28), new byte[784])));
        assertProblem("more than the 2 GiB one dataset can hold", e);
    }

    @Test
    void readsAGzipClaimOfNearlyTwoGibibytesInBoundedChunks() {
        // 2^31 - 9 labels: allocating them up front would exceed the test JVM's 2 GiB heap (-Xmx2g) and throw
        // OutOfMemoryError; reading in growing chunks meets the end of the data after 5 bytes and says so.
        Path labels = write(dir, "claims.gz", gzip(concat(header(0x801, Integer.MAX_VALUE - 8), new byte[5])));
        Path images = write(dir, "images.idx", images(5, 1, 1));
        DatasetFormatException e = failure(images, labels, null, labels);
        assertProblem("the header declares 2147483639 labels (2147483639 bytes) but the data ends after 5 bytes", e);
    }

    @Test
    void rejectsTrailingBytesAfterTheDeclaredData() {
        DatasetFormatException e = imagesFailure(concat(images(3, 1, 1), new byte[] {9, 9}));
        assertProblem("2 bytes of trailing data after the 3 images of 1x1 the header declares", e);
    }

    @Test
    void rejectsTrailingBytesInsideGzip() {
        DatasetFormatException e = imagesFailure(gzip(concat(images(3, 1, 1), new byte[] {9})));
        assertProblem("1 byte of trailing data after the 3 images of 1x1 the header declares", e);
    }

    @Test
    void rejectsCorruptGzipData() {
        byte[] gz = gzip(images(3, 4, 4));
        gz[10] = 0x07; // first deflate block header: final block of the reserved (invalid) type 11
        assertProblem("corrupt gzip data (invalid block type)", imagesFailure(gz));
    }

    @Test
    void rejectsAGzipChecksumMismatch() {
        byte[] gz = gzip(images(3, 4, 4));
        gz[gz.length - 8] ^= 0x55; // the CRC-32 of the trailer
        assertProblem("corrupt gzip data (Corrupt GZIP trailer)", imagesFailure(gz));
    }

    @Test
    void rejectsATruncatedGzipStream() {
        byte[] gz = gzip(images(30, 8, 8));
        assertProblem("gzip data ends early (the file is truncated or corrupt)",
                imagesFailure(truncate(gz, gz.length / 2)));
    }

    @Test
    void rejectsAFolderWhereAFileIsExpected() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("images"));
        assertProblem("is a folder, expected a file", failure(folder, goodLabels(), null, folder));
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = dir.resolve("nothing-here.gz");
        assertProblem("no such file", failure(missing, goodLabels(), null, missing));
    }

    @Test
    void rejectsImagesAndLabelsOfDifferentCounts() {
        Path images = write(dir, "images.idx", images(4, 1, 1));
        DatasetFormatException e = failure(images, goodLabels(), null, goodLabels());
        assertProblem("3 labels, but images.idx holds 4 images", e);
    }

    @Test
    void rejectsALabelOutsideTheGivenClasses() {
        Path images = write(dir, "images.idx", images(3, 1, 1));
        DatasetFormatException e = failure(images, goodLabels(), List.of("a", "b"), goodLabels());
        assertProblem("label at index 0 is 2, outside the 2 classes 0..1", e);
    }
}
