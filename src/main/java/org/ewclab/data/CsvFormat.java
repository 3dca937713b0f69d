package org.ewclab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ewclab.i18n.Texts;

/**
 * One sample per row: a label column and the pixel (or feature) values, comma-separated, plain or gzip.
 *
 * <ul>
 * <li>A header is optional; a first row with any non-empty, non-numeric cell is one. With a header the column
 *     named {@code label} (any case) holds the label, otherwise the first column does.</li>
 * <li>Labels are whole numbers ≥ 0; the classes are 0..max, named by their number.</li>
 * <li>A row of k² values with k ≥ 4 is a k×k image (784 → 28×28). Its pixel scale is decided once per file: any value
 *     above 1 puts the file on the 0..255 scale (whole numbers), otherwise values in 0..1 become round(v·255).</li>
 * <li>Any other count (2, 3, 4, 9, 10, ...) is a feature vector, kept as float as written; tiny "images" of 2×2 or
 *     3×3 are far likelier to be tabular features (iris has 4).</li>
 * </ul>
 * Rows are numbered as lines of the file (1 = first line, header included) so a message points where an editor does.
 */
final class CsvFormat {
    /** Guards against a typo such as 1e9 in a label column allocating a billion class names. */
    static final int MAX_CLASSES = 10_000;
    private static final int MIN_IMAGE_SIDE = 4;

    private CsvFormat() {
    }

    enum Scale {
        BYTES("0..255"), UNIT("0..1");

        final String range;

        Scale(String range) {
            this.range = range;
        }
    }

    /** The dataset and how the file was read (for inspect). Scale is null for feature vectors. */
    record Parsed(Dataset dataset, boolean gzipped, List<String> header, int labelColumn, Scale scale) {
        boolean hasHeader() {
            return header != null;
        }
    }

    static Parsed read(Path file, String name) throws DatasetFormatException {
        try (SourceFile source = SourceFile.open(file)) {
            return read(source, name);
        }
    }

    static Parsed read(SourceFile source, String name) throws DatasetFormatException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> header = null;
        int columns = -1;
        int firstRow = 0;
        int labelColumn = 0;
        int maxLabel = -1;
        float maxValue = Float.NEGATIVE_INFINITY;

        BufferedReader reader = new BufferedReader(new InputStreamReader(source.stream(), StandardCharsets.UTF_8));
        try {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (columns < 0) {
                    columns = cells.length;
                    firstRow = lineNumber;
                    if (columns < 2) {
                        throw source.problem(Texts.fmt("data.csv.singleColumn", lineNumber));
                    }
                    if (!allNumeric(cells)) {
                        header = new ArrayList<>();
                        for (String cell : cells) {
                            header.add(unquote(cell));
                        }
                        labelColumn = Math.max(0, indexOfIgnoreCase(header, "label"));
                        continue;
                    }
                }
                if (cells.length != columns) {
                    throw source.problem(Texts.fmt("data.csv.columns", lineNumber, cells.length,
                            firstRow, columns));
                }
                float[] values = new float[columns - 1];
                for (int c = 0, k = 0; c < columns; c++) {
                    double v = number(source, cells[c], lineNumber, c, header);
                    if (c == labelColumn) {
                        int label = label(source, v, cells[c], lineNumber, c, header);
                        labels.add(label);
                        maxLabel = Math.max(maxLabel, label);
                    } else {
                        values[k++] = (float) v;
                        maxValue = Math.max(maxValue, (float) v);
                    }
                }
                rows.add(values);
                rowNumbers.add(lineNumber);
            }
        } catch (IOException e) {
            throw source.failure(e);
        }
        if (columns < 0) {
            throw source.problem(Texts.get("data.csv.empty"));
        }
        if (rows.isEmpty()) {
            throw source.problem(Texts.get("data.csv.onlyHeader"));
        }

        int n = rows.size();
        int count = columns - 1;
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        List<String> classes = Dataset.numberedClasses(maxLabel + 1);
        int side = (int) Math.round(Math.sqrt(count));
        if (side * side != count || side < MIN_IMAGE_SIDE) {
            float[] features = new float[n * count];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows.get(i), 0, features, i * count, count);
            }
            return new Parsed(Dataset.ofFeatures(name, count, features, labelArray, classes), source.gzipped(),
                    header, labelColumn, null);
        }
        Scale scale = maxValue > 1 ? Scale.BYTES : Scale.UNIT;
        byte[] pixels = new byte[n * count];
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(i);
            for (int k = 0; k < count; k++) {
                float v = row[k];
                if (v < 0 || (scale == Scale.BYTES && v > 255)) {
                    throw source.problem(at(rowNumbers.get(i), k < labelColumn ? k : k + 1, header) + Texts.fmt("data.csv.pixelRange",
                            format(v), scale.range));
                }
                if (scale == Scale.BYTES && v != Math.rint(v)) {
                    throw source.problem(at(rowNumbers.get(i), k < labelColumn ? k : k + 1, header) + Texts.fmt("data.csv.pixelWhole",
                            format(v)));
                }
                pixels[i * count + k] = (byte) (scale == Scale.BYTES ? v : Math.round(v * 255f));
            }
        }
        return new Parsed(Dataset.ofImages(name, side, side, pixels, labelArray, classes), source.gzipped(), header,
                labelColumn, scale);
    }

    /** Whether these first bytes look like comma-separated text: no control bytes, a comma in the first line. */
    static boolean looksLikeCsv(byte[] head, int length) {
        boolean comma = false;
        boolean firstLine = true;
        boolean content = false;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                return false;
            }
            if (b == '\n' && content) {
                firstLine = false;
            } else if (b > ' ') {
                content = true;
            }
            if (b == ',' && firstLine) {
                comma = true;
            }
        }
        return comma;
    }

    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                cells.add(line.substring(start, i).trim());
                start = i + 1;
            }
        }
        return cells.toArray(new String[0]);
    }

    /** A header is told by its names; an empty cell (pandas' unnamed index column) decides nothing. */
    private static boolean allNumeric(String[] cells) {
        for (String cell : cells) {
            if (!cell.isEmpty() && !isNumber(cell)) {
                return false;
            }
        }
        return true;
    }

    private static double number(SourceFile source, String cell, int row, int column, List<String> header)
            throws DatasetFormatException {
        int small = smallWholeNumber(cell);
        if (small >= 0) {
            return small;
        }
        if (!isNumber(cell)) {
            throw source.problem(at(row, column, header) + (cell.isEmpty() ? Texts.get("data.csv.emptyCell")
                    : Texts.fmt("data.csv.notNumber", cell)));
        }
        double v = Double.parseDouble(cell);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw source.problem(at(row, column, header) + Texts.fmt("data.csv.tooLarge", cell));
        }
        return v;
    }

    private static int label(SourceFile source, double v, String cell, int row, int column, List<String> header)
            throws DatasetFormatException {
        if (v < 0) {
            throw source.problem(at(row, column, header) + Texts.fmt("data.csv.labelNegative", cell));
        }
        if (v != Math.rint(v)) {
            throw source.problem(at(row, column, header) + Texts.fmt("data.csv.labelWhole", cell));
        }
        if (v >= MAX_CLASSES) {
            throw source.problem(at(row, column, header) + Texts.fmt("data.csv.labelTooLarge", cell, MAX_CLASSES - 1));
        }
        return (int) v;
    }

    /** The value of 1 to 9 ASCII digits, or -1: the common pixel cell, read without the cost of parseDouble. */
    private static int smallWholeNumber(String cell) {
        int n = cell.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A plain decimal number: digits with an optional sign, point and exponent; no NaN, Infinity or hex. */
    static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static String at(int row, int column, List<String> header) {
        return header != null && !header.get(column).isEmpty()
                ? Texts.fmt("data.csv.atNamed", row, column + 1, header.get(column))
                : Texts.fmt("data.csv.at", row, column + 1);
    }

    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            return cell.substring(1, cell.length() - 1).trim();
        }
        return cell;
    }

    private static int indexOfIgnoreCase(List<String> names, String wanted) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String format(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
