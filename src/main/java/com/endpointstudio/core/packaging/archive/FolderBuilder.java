package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes the archive's layout as a plain folder, for SageMaker's uncompressed model data (an S3
 * prefix with CompressionType None). The folder is assembled beside the target and renamed into
 * place when complete.
 *
 * <p>Its SHA-256 covers, for each file in archive order, the UTF-8 path, a NUL byte, the size
 * in decimal, a NUL byte and the content — so a renamed or moved file changes it too.
 */
public final class FolderBuilder {

    public BuildResult build(ArchivePlan plan, Collection<Path> inputFolders, Path output, ProgressListener progress,
                             CancelToken cancel) {
        OutputChecks.check(plan, inputFolders, output);
        if (Files.exists(output) && !isEmptyFolder(output)) {
            throw new ValidationException("Output", output + " already exists and is not an empty folder");
        }
        long started = System.nanoTime();
        long total = plan.totalBytes();
        Path partial = null;
        try {
            partial = Files.createTempDirectory(output.toAbsolutePath().getParent(), "." + output.getFileName() + ".");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            SourceReader reader = new SourceReader();
            AtomicLong done = new AtomicLong();
            progress.progress(0, total);
            for (PlannedFile file : plan.files()) {
                cancel.throwIfCancelled();
                sha256.update((file.path() + "\0" + file.source().size() + "\0").getBytes(StandardCharsets.UTF_8));
                Path target = partial.resolve(file.path());
                Files.createDirectories(target.getParent());
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
                    reader.copy(file, out, cancel, n -> progress.progress(done.addAndGet(n), total));
                }
            }
            Files.deleteIfExists(output);
            Files.move(partial, output);
            partial = null;
            return new BuildResult(output, total, HexFormat.of().formatHex(sha256.digest()),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw OutputChecks.writeFailure(output, e, total);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteTree(partial);
        }
    }

    private static boolean isEmptyFolder(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the folder is hidden and named after the output
        }
    }
}
