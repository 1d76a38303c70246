package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Unpacks a model archive into a folder that plays /opt/ml/model, refusing anything that could
 * write outside it. Everything is written into a hidden folder beside the target and renamed
 * into place at the end, so a refused or failed archive leaves nothing behind.
 */
public final class ArchiveExtractor {

    private final ArchiveLimits limits;

    public ArchiveExtractor() {
        this(ArchiveLimits.defaults());
    }

    public ArchiveExtractor(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Extracts {@code archive} into {@code target}, which must not exist or be an empty folder. */
    public void extract(Path archive, Path target, CancelToken cancel) {
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new ValidationException("Model folder", target + " already exists and is not empty");
        }
        Path staging = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
            Path root = staging.toRealPath();
            long[] written = {0};
            TarStream.read(archive, limits, cancel, (entry, name, problem, data) -> {
                if (problem != null) {
                    throw new ArchiveException(archive.getFileName() + ": the entry " + entry.getName() + " " + problem
                            + ". Nothing was extracted.");
                }
                if (name.isEmpty()) {
                    return;
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root)) {
                    throw new ArchiveException("The entry " + entry.getName() + " points outside the model folder.");
                }
                Files.createDirectories(entry.isDirectory() ? out : out.getParent());
                ensureInside(root, out.getParent());
                if (entry.isDirectory()) {
                    return;
                }
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path source = root.resolve(EntryRules.normalName(entry.getLinkName())).normalize();
                    ensureInside(root, source);
                    Files.copy(source, out, LinkOption.NOFOLLOW_LINKS);
                } else {
                    written[0] += copy(data, out, limits.maxTotalSize() - written[0], archive);
                }
            });
            Files.deleteIfExists(target);
            Files.move(staging, target);
            staging = null;
        } catch (IOException e) {
            throw new ArchiveException("Could not extract " + archive.getFileName() + " into " + target + ": "
                    + e.getMessage() + ". Nothing was left behind.", e);
        } finally {
            FolderBuilder.deleteTree(staging);
        }
    }

    private static long copy(InputStream data, Path out, long allowance, Path archive) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream file = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = data.read(buffer)) > 0) {
                total += n;
                if (total > allowance) {
                    throw new ArchiveException(archive.getFileName() + " unpacks to more than the limit of bytes; "
                            + "extraction stopped and nothing was left behind.");
                }
                file.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** Guards against a link inside the archive redirecting later entries elsewhere. */
    private static void ensureInside(Path root, Path path) throws IOException {
        Path real = Files.exists(path) ? path.toRealPath() : path;
        if (!real.startsWith(root)) {
            throw new ArchiveException("An entry would be written through a link to " + real
                    + ", outside the model folder. Nothing was extracted.");
        }
    }

    private static boolean isEmptyFolder(Path path) {
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
