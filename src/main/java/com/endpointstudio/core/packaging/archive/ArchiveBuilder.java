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
        long total = plan.totalBytes();
        Path partial = null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            partial = OutputChecks.partialBeside(output);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            ParallelGzipOutputStream gzip;
            try (OutputStream file = Files.newOutputStream(partial);
                 DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha256)) {
                gzip = new ParallelGzipOutputStream(digest, pool, threads, compression.gzipLevel(),
                        compression == Compression.FAST);
                try {
                    writeTar(plan, gzip, progress, cancel, total);
                    gzip.finish();
                } catch (IOException | RuntimeException e) {
                    gzip.abandon();
                    throw e;
                }
            }
            cancel.throwIfCancelled();
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            return new BuildResult(output, Files.size(output), HexFormat.of().formatHex(sha256.digest()),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw OutputChecks.writeFailure(output, e, total);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            deleteQuietly(partial);
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
