package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a model.tar.gz from a plan: deterministic tar headers ({@link TarLayout}), gzip on
 * every core ({@link ParallelGzipOutputStream}), SHA-256 computed as the bytes go out. The file
 * appears at its final path only when complete; a cancelled or failed build leaves nothing.
 */
public final class ArchiveBuilder {

    private final int threads;

    public ArchiveBuilder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A builder on a given number of compression threads (the output does not depend on it). */
    public ArchiveBuilder(int threads) {
        this.threads = Math.max(1, threads);
    }

    public BuildResult build(ArchivePlan plan, Collection<Path> inputFolders, Path output, Compression compression,
                             ProgressListener progress, CancelToken cancel) {
        OutputChecks.check(plan, inputFolders, output);
        long started = System.nanoTime();
        Path partial = null;
        try {
            partial = OutputChecks.partialBeside(output);
            Written written;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                written = write(plan, file, compression, progress, cancel);
            }
            cancel.throwIfCancelled();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            return new BuildResult(output, written.bytes(), written.sha256(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw OutputChecks.writeFailure(output, e, plan.totalBytes());
        } finally {
            deleteQuietly(partial);
        }
    }

    /** What {@link #write} sent: the archive's size and hex SHA-256. */
    public record Written(long bytes, String sha256) {
    }

    /**
     * Writes the archive of a plan to {@code sink} as it is compressed — a file, or the parts of an
     * upload — and flushes it without closing it. The bytes are those {@link #build} writes to a file.
     */
    public Written write(ArchivePlan plan, OutputStream sink, Compression compression, ProgressListener progress,
                         CancelToken cancel) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            Counting counting = new Counting(sink);
            DigestOutputStream digest = new DigestOutputStream(counting, sha256);
            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(digest, pool, threads, compression.gzipLevel(),
                    compression == Compression.FAST);
            try {
                writeTar(plan, gzip, progress, cancel, plan.totalBytes());
                gzip.finish();
            } catch (IOException | RuntimeException e) {
                gzip.abandon();
                throw e;
            }
            digest.flush();
            return new Written(counting.count, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts the bytes on their way to the sink. */
    private static final class Counting extends java.io.FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    private static void writeTar(ArchivePlan plan, OutputStream out, ProgressListener progress, CancelToken cancel,
                                 long total) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 64 * 1024, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        SourceReader reader = new SourceReader();
        AtomicLong done = new AtomicLong();
        progress.progress(0, total);
        for (TarLayout.Item item : TarLayout.items(plan)) {
            cancel.throwIfCancelled();
            tar.putArchiveEntry(TarLayout.entry(item));
            if (!item.isFolder()) {
                reader.copy(item.file(), tar, cancel, n -> progress.progress(done.addAndGet(n), total));
            }
            tar.closeArchiveEntry();
        }
        tar.finish(); // not close(): the gzip stream is finished by the caller
        tar.flush();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "archive-gzip");
            thread.setDaemon(true);
            return thread;
        };
    }

    static void deleteQuietly(Path partial) {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the file is hidden and named .partial
            }
        }
    }
}
