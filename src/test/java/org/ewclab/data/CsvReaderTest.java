package org.ewclab.data;

import static org.ewclab.data.IdxBytes.gzip;
import static org.ewclab.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) {
        return write(dir, "data.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A row "label,v,v,...,v" with 16 values (a 4×4 image), value k = first + k. */
    private static String row(int label, int first) {
        return label + "," + IntStream.range(0, 16).mapToObj(k -> Integer.toString(first + k))
                .collect(Collectors.joining(","));
    }

    private static String sixteen(String value) {
        return IntStream.range(0, 16).mapToObj(k -> value).collect(Collectors.joining(","));
    }

    private DatasetFormatException failure(String text) {
        Path file = csv(text);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFiles.readCsv(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void readsRowsOfSquareCountAsImagesWithTheLabelFirst() throws Exception {
        Dataset d = DatasetFiles.readCsv(csv(row(1, 0) + "\n" + row(0, 100) + "\n"));
        assertTrue(d.isImage());
        assertArrayEquals(new int[] {4, 4}, d.sampleShape());
        assertArrayEquals(new int[] {1, 0}, d.labels());
        assertEquals(List.of("0", "1"), d.classNames());
        assertEquals(15, d.pixel(0, 15));
        assertEquals(100, d.pixel(1, 0));
    }

    @Test
    void readsSevenHundredEightyFourValuesAsTwentyEightSquare() throws Exception {
        String values = IntStream.range(0, 784).mapToObj(k -> Integer.toString(k % 256))
                .collect(Collectors.joining(","));
        Dataset d = DatasetFiles.readCsv(csv("3," + values + "\n"));
        assertArrayEquals(new int[] {28, 28}, d.sampleShape());
        assertEquals(255, d.pixel(0, 255));
    }

    @Test
    void takesTheColumnNamedLabelWhenAHeaderExists() throws Exception {
        String header = IntStream.range(0, 16).mapToObj(k -> "p" + k).collect(Collectors.joining(","));
        Dataset d = DatasetFiles.readCsv(csv("p0," + header.substring(3) + ",Label\n" // label last
                + sixteen("7") + ",2\n"));
        assertArrayEquals(new int[] {2}, d.labels());
        assertEquals(7, d.pixel(0, 15));
    }

    @Test
    void takesTheFirstColumnWhenTheHeaderHasNoLabelColumn() throws Exception {
        Dataset d = DatasetFiles.readCsv(csv("y,a,b\n4,0.5,-2\n"));
        assertArrayEquals(new int[] {4}, d.labels());
        assertArrayEquals(new float[] {0.5f, -2f}, d.toFloats());
    }

    @Test
    void scalesValuesInTheUnitIntervalToBytes() throws Exception {
        Dataset d = DatasetFiles.readCsv(csv("0," + sixteen("0.5") + "\n1," + sixteen("1") + "\n"));
        assertEquals(Math.round(0.5f * 255), d.pixel(0, 3));
        assertEquals(255, d.pixel(1, 3));
    }

    @Test
    void decidesTheScalePerFileSoOneValueAboveOnePutsAllOnTheByteScale() throws Exception {
        Dataset d = DatasetFiles.readCsv(csv("0," + sixteen("1") + "\n1," + sixteen("2") + "\n"));
        assertEquals(1, d.pixel(0, 0));
        assertEquals(2, d.pixel(1, 0));
    }

    @Test
    void readsOtherCountsAsFeatureVectorsKeptAsWritten() throws Exception {
        Dataset d = DatasetFiles.readCsv(csv("0,-1.5,300\n1,2.25,0\n"));
        assertFalse(d.isImage());
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertArrayEquals(new float[] {-1.5f, 300f, 2.25f, 0f}, d.toFloats());
    }

    @Test
    void readsGzippedCsvRecognisedByContent() throws Exception {
        Path file = write(dir, "data.txt", gzip((row(1, 0) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, DatasetFiles.readCsv(file).size());
    }

    @Test
    void skipsBlankLinesAndCountsRowsAsLinesOfTheFile() {
        DatasetFormatException e = failure("label,a,b\n\n1,2,3\n\n0,x,4\n");
        assertEquals("row 5, column 2 (a): 'x' is not a number", e.problem());
    }

    @Test
    void rejectsANonNumericCellNamingRowAndColumn() {
        DatasetFormatException e = failure(row(1, 0) + "\n0,1,2,3,NaN,5,6,7,8,9,10,11,12,13,14,15,16\n");
        assertEquals("row 2, column 5: 'NaN' is not a number", e.problem());
    }

    @Test
    void rejectsAnEmptyCell() {
        assertEquals("row 1, column 2: an empty cell is not a number", failure("1,,3\n").problem());
    }

    @Test
    void rejectsRaggedRows() {
        DatasetFormatException e = failure(row(1, 0) + "\n" + row(0, 0) + ",17\n");
        assertEquals("row 2 has 18 columns, but row 1 has 17", e.problem());
    }

    @Test
    void rejectsAPixelAboveTwoHundredFiftyFive() {
        DatasetFormatException e = failure(row(1, 0) + "\n" + row(0, 0).replace(",10,", ",300,") + "\n");
        assertEquals("row 2, column 12: pixel value 300 is outside 0..255", e.problem());
    }

    @Test
    void rejectsANegativePixel() {
        DatasetFormatException e = failure("0," + sixteen("0.5").replaceFirst("0.5", "-0.5") + "\n");
        assertEquals("row 1, column 2: pixel value -0.5 is outside 0..1", e.problem());
    }

    @Test
    void rejectsAFractionalPixelOnTheByteScale() {
        DatasetFormatException e = failure("0," + sixteen("20").replaceFirst("20", "12.5") + "\n");
        assertEquals("row 1, column 2: pixel value 12.5 is not a whole number (values above 1 put this file on the"
                + " 0..255 scale)", e.problem());
    }

    @Test
    void rejectsANegativeLabel() {
        assertEquals("row 2, column 1 (label): label -1 is negative", failure("label,x\n-1,0.5\n").problem());
    }

    @Test
    void rejectsAFractionalLabel() {
        assertEquals("row 1, column 1: label 2.5 is not a whole number", failure("2.5,1,2\n").problem());
    }

    @Test
    void rejectsAnEmptyFile() {
        assertEquals("empty file", failure("").problem());
    }

    @Test
    void rejectsAFileOfBlankLines() {
        assertEquals("empty file (no rows)", failure("\n  \n").problem());
    }

    @Test
    void rejectsAHeaderWithoutRows() {
        assertEquals("no data rows, only a header", failure("label,a,b\n").problem());
    }

    @Test
    void rejectsRowsWithOnlyALabel() {
        assertEquals("row 1 has a single column; expected a label and pixel or feature values, separated by commas",
                failure("1\n2\n").problem());
    }
}
