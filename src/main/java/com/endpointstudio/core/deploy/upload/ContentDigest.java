package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The SHA-256 that names model data in S3. For a file, the digest of its bytes. For a folder, the
 * digest of its manifest: one line per file, {@code <sha256 of the file>  <relative path>\n}, sorted
 * by the path's UTF-8 bytes — what {@code sha256sum} prints for the files in that order — so a folder
 * gets the same digest whoever packs it (the studio, Python's tarfile, GNU tar), and the exported
 * scripts can compute it with the standard tools.
 *
 * <p>Digests are remembered per file path, size and modification time: the review page and a
 * deployment that follows it read a large artifact once.
 */
public final class ContentDigest {

    private record Stamp(long size, long modified) {
    }

    private record Known(Stamp stamp, String digest) {
    }

    private static final Map<Path, Known> KNOWN = new ConcurrentHashMap<>();

    private ContentDigest() {
    }

    /** The digest of a file's bytes, or of a folder's manifest. */
    public static String of(Path source, CancelToken cancel) {
        return Files.isDirectory(source) ? folder(source, cancel) : file(source, cancel);
    }

    public static String file(Path file, CancelToken cancel) {
        Path key = file.toAbsolutePath().normalize();
        Stamp stamp = stamp(key);
        Known known = KNOWN.get(key);
        if (known != null && known.stamp().equals(stamp)) {
            return known.digest();
        }
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(key)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                cancel.throwIfCancelled();
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        KNOWN.put(key, new Known(stamp, digest));
        return digest;
    }

    public static String folder(Path folder, CancelToken cancel) {
        StringBuilder manifest = new StringBuilder();
        for (Path file : files(folder)) {
            manifest.append(file(file, cancel)).append("  ").append(relative(folder, file)).append('\n');
        }
        return HexFormat.of().formatHex(sha256().digest(manifest.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The digest of an archive plan's manifest: one line per file, its digest and its path in the
     * archive, in the same order and form as a folder's. A folder packed at the archive root gets the
     * digest {@link #folder} gives it.
     */
    public static String plan(ArchivePlan plan, CancelToken cancel) {
        return manifest(plan, file -> Optional.of(file(file, cancel))).orElseThrow();
    }

    /** {@link #plan}, when the digest of every file on disk is remembered and it has not changed: nothing is read. */
    public static Optional<String> knownPlan(ArchivePlan plan) {
        return manifest(plan, ContentDigest::known);
    }

    private static Optional<String> manifest(ArchivePlan plan, Function<Path, Optional<String>> digestOf) {
        List<PlannedFile> files = new ArrayList<>(plan.files());
        files.sort((a, b) -> Arrays.compareUnsigned(utf8(a.path()), utf8(b.path())));
        StringBuilder manifest = new StringBuilder();
        for (PlannedFile file : files) {
            Optional<String> digest = file.source() instanceof FileSource.OnDisk disk ? digestOf.apply(disk.file())
                    : Optional.of(HexFormat.of().formatHex(sha256().digest(((FileSource.InMemory) file.source()).bytes())));
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            manifest.append(digest.get()).append("  ").append(file.path()).append('\n');
        }
        return Optional.of(HexFormat.of().formatHex(sha256().digest(manifest.toString().getBytes(StandardCharsets.UTF_8))));
    }

    private static Optional<String> known(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Known known = KNOWN.get(key);
        return known != null && known.stamp().equals(stamp(key)) ? Optional.of(known.digest()) : Optional.empty();
    }

    /** A folder's regular files, in manifest order (by the relative path's UTF-8 bytes). */
    public static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            // links are left out, as find -type f and the exported scripts leave them out
            List<Path> files = new ArrayList<>(walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList());
            files.sort((a, b) -> Arrays.compareUnsigned(utf8(relative(folder, a)), utf8(relative(folder, b))));
            return files;
        } catch (IOException e) {
            throw new StudioException("Could not read the model folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A file's path inside its folder, '/'-separated: its key below the upload prefix. */
    public static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
