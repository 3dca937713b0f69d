package org.ewclab.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ewclab.i18n.Texts;

/**
 * A dataset file opened for reading, plain or gzip. Gzip is recognised by its magic bytes 1f 8b, not by the file name:
 * people rename files. Every read goes through here so that a corrupt gzip stream or an I/O failure becomes a
 * {@link DatasetFormatException} naming the file.
 */
final class SourceFile implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final boolean gzipped;
    private final long size;
    private final InputStream in;

    private SourceFile(Path file, boolean gzipped, long size, InputStream in) {
        this.file = file;
        this.gzipped = gzipped;
        this.size = size;
        this.in = in;
    }

    /** Opens a file, refusing a missing file, a folder and an empty file with a message that says which. */
    static SourceFile open(Path file) throws DatasetFormatException {
        requireRegularFile(file);
        long size;
        InputStream raw;
        try {
            size = Files.size(file);
            if (size == 0) {
                throw new DatasetFormatException(file, Texts.get("data.emptyFile"));
            }
            raw = Files.newInputStream(file);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        return wrap(file, raw, size);
    }

    /** Wraps a stream that is not a file on disk (a bundled resource); its size is unknown. */
    static SourceFile of(Path name, InputStream raw) throws DatasetFormatException {
        return wrap(name, raw, -1);
    }

    static void requireRegularFile(Path file) throws DatasetFormatException {
        if (Files.isDirectory(file)) {
            throw new DatasetFormatException(file, Texts.get("data.isFolder"));
        }
        if (!Files.exists(file)) {
            throw new DatasetFormatException(file, Texts.get("data.noSuchFile"));
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, Texts.get("data.notRegular"));
        }
        if (!Files.isReadable(file)) {
            throw new DatasetFormatException(file, Texts.get("data.permissionDenied"));
        }
    }

    private static SourceFile wrap(Path file, InputStream raw, long size) throws DatasetFormatException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        boolean gzipped = false;
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            gzipped = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzipped ? new GZIPInputStream(buffered, BUFFER) : buffered;
            return new SourceFile(file, gzipped, size, in);
        } catch (IOException e) {
            closeQuietly(buffered);
            throw translate(file, gzipped, e);
        }
    }

    Path file() {
        return file;
    }

    boolean gzipped() {
        return gzipped;
    }

    /** Size on disk in bytes, or -1 when unknown. For a plain file this is the size of the data itself. */
    long size() {
        return size;
    }

    /** The decompressed stream, for readers that wrap it (CSV); translate its IOExceptions with {@link #failure}. */
    InputStream stream() {
        return in;
    }

    /** Reads until {@code len} bytes arrived or the data ended; returns how many arrived. */
    int readFully(byte[] buffer, int offset, int len) throws DatasetFormatException {
        int filled = 0;
        while (filled < len) {
            int n = read(buffer, offset + filled, len - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    int read(byte[] buffer, int offset, int len) throws DatasetFormatException {
        try {
            return in.read(buffer, offset, len);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Counts (and consumes) the bytes left in the stream. */
    long remaining() throws DatasetFormatException {
        byte[] sink = new byte[BUFFER];
        long count = 0;
        int n;
        while ((n = read(sink, 0, sink.length)) >= 0) {
            count += n;
        }
        return count;
    }

    DatasetFormatException problem(String problem) {
        return new DatasetFormatException(file, problem);
    }

    /** The exception to throw for an IOException raised while reading this file. */
    DatasetFormatException failure(IOException e) {
        return translate(file, gzipped, e);
    }

    private static DatasetFormatException translate(Path file, boolean gzipped, IOException e) {
        if (e instanceof DatasetFormatException dfe) {
            return dfe;
        }
        if (gzipped && e instanceof EOFException) {
            return new DatasetFormatException(file, Texts.get("data.gzipEndsEarly"), e);
        }
        if (gzipped && e instanceof ZipException) {
            return new DatasetFormatException(file, Texts.fmt("data.gzipCorrupt", e.getMessage()), e);
        }
        return cannotRead(file, e);
    }

    private static DatasetFormatException cannotRead(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new DatasetFormatException(file, Texts.get("data.permissionDenied"), e);
        }
        return new DatasetFormatException(file, Texts.fmt("data.cannotRead", e), e);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Nothing was written; a failed close of a read-only stream loses nothing.
        }
    }
}
