package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.task.CancelToken;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams the entries of a .tar.gz (or plain .tar) under {@link ArchiveLimits}, turning every
 * way an archive can be broken into an {@link ArchiveException} with a plain sentence.
 */
final class TarStream {

    /** Called once per entry; {@code data} reads that entry's content. */
    interface Visitor {
        void visit(TarArchiveEntry entry, String name, String problem, InputStream data) throws IOException;
    }

    private TarStream() {
    }

    static void read(Path archive, ArchiveLimits limits, CancelToken cancel, Visitor visitor) {
        try (InputStream file = Files.newInputStream(archive)) {
            read(file, archive.getFileName().toString(), limits, cancel, visitor);
        } catch (NoSuchFileException e) {
            throw new ArchiveException("The archive " + archive + " does not exist.", e);
        } catch (IOException e) {
            throw new ArchiveException(archive.getFileName() + " can't be read: " + e.getMessage() + ".", e);
        }
    }

    /**
     * Reads an archive from a stream, front to back, never seeking: an S3 object's body is read this
     * way without a local copy. The stream is not closed.
     *
     * @param label how messages name the archive
     */
    static void read(InputStream stream, String label, ArchiveLimits limits, CancelToken cancel, Visitor visitor) {
        long entries = 0;
        long declared = 0;
        try (InputStream file = new BufferedInputStream(new UnclosedStream(stream), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompress(file, label), "UTF-8")) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, label, entries)) != null) {
                cancel.throwIfCancelled();
                if (++entries > limits.maxEntries()) {
                    throw new ArchiveException(label + " has more than " + limits.maxEntries()
                            + " entries; that is not a model archive the studio will read.");
                }
                if (entry.getSize() > limits.maxEntrySize()) {
                    throw new ArchiveException(label + ": the entry " + entry.getName() + " declares " + entry.getSize()
                            + " bytes, beyond the limit of " + limits.maxEntrySize() + "; the archive is corrupt or hostile.");
                }
                declared += Math.max(0, entry.getSize());
                if (declared > limits.maxTotalSize()) {
                    throw new ArchiveException(label + " declares more than " + limits.maxTotalSize()
                            + " bytes in all; the archive is corrupt or hostile.");
                }
                visitor.visit(entry, EntryRules.normalName(entry.getName()), EntryRules.problem(entry), tar);
            }
            if (entries == 0) {
                throw new ArchiveException(label + " holds no entries.");
            }
        } catch (EOFException e) {
            throw new ArchiveException(label + " is truncated: it ends in the middle of its data (after " + entries
                    + " entries). Download or copy it again.", e);
        } catch (IOException e) {
            throw new ArchiveException(label + " can't be read: " + e.getMessage() + ".", e);
        }
    }

    /** Leaves the caller's stream open when the tar reader closes. */
    private static final class UnclosedStream extends java.io.FilterInputStream {
        UnclosedStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static InputStream decompress(InputStream in, String label) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return new GzipCompressorInputStream(in, true);
        }
        if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            return in;
        }
        throw new ArchiveException(label + " is not a gzip-compressed tar archive (model.tar.gz); "
                + "SageMaker reads only that format.");
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String label, long index) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (EOFException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof EOFException eof) {
                throw eof;
            }
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Truncated") || reason.contains("truncated") || reason.contains("Unexpected end")) {
                throw new EOFException(reason);
            }
            throw new ArchiveException(label + " is corrupt: the header of entry " + (index + 1)
                    + " can't be read (" + reason + ").", e);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(label + " is corrupt: the header of entry " + (index + 1)
                    + " has invalid fields (" + e.getMessage() + ").", e);
        }
    }
}
