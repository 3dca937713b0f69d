package org.ewclab.data;

import java.nio.file.Path;
import java.util.Arrays;
import org.ewclab.i18n.Texts;

/**
 * The IDX format of LeCun's MNIST files: a 4-byte magic {@code 00 00 TT DD} (TT the element type, DD the number of
 * dimensions), DD big-endian 32-bit sizes, then the elements. The lab reads unsigned bytes only: labels
 * {@code 0x00000801} (N) and images {@code 0x00000803} (N×H×W).
 *
 * <p>A header is a claim, not a fact: a corrupt or hostile file may declare 2^31 images in a few bytes. Nothing is
 * allocated on the header's word; plain files are checked against their size first and gzip streams are read in
 * bounded chunks that grow only as data actually arrives.
 */
final class IdxFormat {
    static final int LABELS_MAGIC = 0x00000801;
    static final int IMAGES_MAGIC = 0x00000803;
    private static final int UNSIGNED_BYTE = 0x08;
    /** The largest Java array; also keeps N·H·W inside the int indices of {@link Dataset}. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxFormat() {
    }

    enum Kind {
        LABELS, IMAGES
    }

    /** What an IDX file holds. Labels have height = width = 0. */
    record Content(Path file, boolean gzipped, Kind kind, int count, int height, int width, byte[] data) {
        int label(int i) {
            return data[i] & 0xFF;
        }

        int[] labels() {
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = data[i] & 0xFF;
            }
            return labels;
        }
    }

    static Content read(Path file) throws DatasetFormatException {
        try (SourceFile source = SourceFile.open(file)) {
            return read(source);
        }
    }

    static Content read(Path file, Kind expected) throws DatasetFormatException {
        try (SourceFile source = SourceFile.open(file)) {
            return read(source, expected);
        }
    }

    static Content read(SourceFile source, Kind expected) throws DatasetFormatException {
        Content content = read(source);
        if (content.kind() != expected) {
            throw source.problem(Texts.fmt("data.idx.otherKind", describe(content.kind()),
                    describe(expected), hex(magicOf(expected))));
        }
        return content;
    }

    static Content read(SourceFile source) throws DatasetFormatException {
        Kind kind = readMagic(source);
        long[] dims = readDimensions(source, kind == Kind.IMAGES ? 3 : 1);
        long count = dims[0];
        long height = kind == Kind.IMAGES ? dims[1] : 0;
        long width = kind == Kind.IMAGES ? dims[2] : 0;
        if (kind == Kind.IMAGES && (height == 0 || width == 0)) {
            throw source.problem(Texts.fmt("data.idx.emptyImages", height, width));
        }
        long declared = kind == Kind.IMAGES ? times(times(count, height), width) : count;
        String what = kind == Kind.IMAGES ? Texts.fmt("data.idx.whatImages", count, height, width)
                : Texts.fmt("data.idx.whatLabels", count);
        long headerBytes = 4 + 4L * dims.length;

        if (!source.gzipped() && source.size() >= 0) {
            long available = source.size() - headerBytes;
            if (available < declared) {
                throw source.problem(Texts.fmt("data.idx.truncated", what,
                        bytes(declared), bytes(available)));
            }
            if (available > declared) {
                throw source.problem(Texts.fmt("data.idx.trailing", bytes(available - declared), what));
            }
        }
        if (declared > MAX_BYTES) {
            throw source.problem(Texts.fmt("data.idx.tooLarge", what, bytes(declared)));
        }
        byte[] data = readBody(source, (int) declared, what);
        long trailing = source.remaining();
        if (trailing > 0) {
            throw source.problem(Texts.fmt("data.idx.trailing", bytes(trailing), what));
        }
        return new Content(source.file(), source.gzipped(), kind, (int) count, (int) height, (int) width, data);
    }

    /** The kind of IDX file this looks like from its header, or null when it is no IDX file we read (or unreadable). */
    static Kind sniff(Path file) {
        try (SourceFile source = SourceFile.open(file)) {
            return readMagic(source);
        } catch (DatasetFormatException e) {
            return null;
        }
    }

    /** Whether these first bytes (after any gzip) start like an IDX file: two zero bytes. */
    static boolean looksLikeIdx(byte[] head, int length) {
        return length >= 2 && head[0] == 0 && head[1] == 0;
    }

    private static Kind readMagic(SourceFile source) throws DatasetFormatException {
        byte[] magic = new byte[4];
        int got = source.readFully(magic, 0, 4);
        if (got == 0) {
            throw source.problem(Texts.get(source.gzipped() ? "data.emptyGzip"
                    : "data.emptyFile"));
        }
        if (got < 4) {
            throw source.problem(Texts.fmt("data.idx.truncatedMagic", got));
        }
        int value = bigEndian(magic, 0);
        if (magic[0] != 0 || magic[1] != 0) {
            throw source.problem(Texts.fmt("data.idx.notIdx", hex(value),
                    hex(LABELS_MAGIC), hex(IMAGES_MAGIC)));
        }
        int type = magic[2] & 0xFF;
        int dimensions = magic[3] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw source.problem(Texts.fmt("data.idx.elementType",
                    String.format("%02X", type), typeName(type), hex(value)));
        }
        if (dimensions == 1) {
            return Kind.LABELS;
        }
        if (dimensions == 3) {
            return Kind.IMAGES;
        }
        throw source.problem(Texts.fmt("data.idx.dimensions", dimensions, hex(value),
                hex(LABELS_MAGIC), hex(IMAGES_MAGIC)));
    }

    private static long[] readDimensions(SourceFile source, int n) throws DatasetFormatException {
        byte[] header = new byte[4 * n];
        int got = source.readFully(header, 0, header.length);
        if (got < header.length) {
            throw source.problem(Texts.fmt("data.idx.truncatedDims", n,
                    header.length, got));
        }
        long[] dims = new long[n];
        for (int i = 0; i < n; i++) {
            dims[i] = bigEndian(header, 4 * i) & 0xFFFFFFFFL;
        }
        return dims;
    }

    /** Reads exactly {@code length} bytes, growing the buffer only as data arrives. */
    private static byte[] readBody(SourceFile source, int length, String what) throws DatasetFormatException {
        byte[] buffer = new byte[Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = source.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw source.problem(Texts.fmt("data.idx.endsEarly", what,
                        bytes(length), bytes(filled)));
            }
            filled += n;
        }
        return buffer;
    }

    static String describe(Kind kind) {
        return Texts.get(kind == Kind.IMAGES ? "data.idx.images" : "data.idx.labels");
    }

    private static int magicOf(Kind kind) {
        return kind == Kind.IMAGES ? IMAGES_MAGIC : LABELS_MAGIC;
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "short";
            case 0x0C:
                return "int";
            case 0x0D:
                return "float";
            case 0x0E:
                return "double";
            default:
                return "unknown type";
        }
    }

    private static int bigEndian(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
                | (b[offset + 3] & 0xFF);
    }

    /** Saturating product: three 32-bit sizes can overflow a long, and the answer is "too big" either way. */
    private static long times(long a, long b) {
        if (a != 0 && b > Long.MAX_VALUE / a) {
            return Long.MAX_VALUE;
        }
        return a * b;
    }

    private static String bytes(long n) {
        if (n == Long.MAX_VALUE) {
            return Texts.get("data.bytesHuge");
        }
        return n == 1 ? Texts.get("data.oneByte") : Texts.fmt("data.bytes", n);
    }

    static String hex(int magic) {
        return String.format("0x%08X", magic);
    }
}
