package org.ewclab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for tests, so every fixture is visible in the test that uses it. */
public final class IdxBytes {
    private IdxBytes() {
    }

    /** A header: the magic, then the dimension sizes, big-endian. */
    public static byte[] header(int magic, long... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length);
        buffer.putInt(magic);
        for (long d : dims) {
            buffer.putInt((int) d);
        }
        return buffer.array();
    }

    /** A labels file (magic 0x801). */
    public static byte[] labels(int... labels) {
        byte[] body = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            body[i] = (byte) labels[i];
        }
        return concat(header(0x801, labels.length), body);
    }

    /** An images file (magic 0x803) of n images of h×w holding {@link #pattern} bytes. */
    public static byte[] images(int n, int h, int w) {
        return concat(header(0x803, n, h, w), pattern(n * h * w));
    }

    public static byte[] pattern(int length) {
        byte[] body = new byte[length];
        for (int k = 0; k < length; k++) {
            body[k] = (byte) (k * 7 + k / 13);
        }
        return body;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] truncate(byte[] data, int length) {
        return Arrays.copyOf(data, length);
    }

    public static Path write(Path dir, String name, byte[] data) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
