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
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.TimeUnit;
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
 * deployment that follows it read a large artifact once. With {@link #keepIn} they are also kept in a
 * file between runs (the packager's cache of input hashes): a deployment or a one-pass upload of the
 * same unchanged inputs tomorrow knows their digest without reading them, and finds its object in S3
 * with one request.
 */
public final class ContentDigest {

    private record Stamp(long size, long modifiedNanos) {
    }

    private record Known(Stamp stamp, String digest) {
    }

    private static final Map<Path, Known> KNOWN = new ConcurrentHashMap<>();
    /** Rewritten without its stale and repeated lines once it grows past this. */
    private static final long STORE_COMPACT_BYTES = 8L << 20;
    private static Path store;
    private static boolean storeRead;

    private ContentDigest() {
    }

    /** The digest of a file's bytes, or of a folder's manifest. */
    public static String of(Path source, CancelToken cancel) {
        return Files.isDirectory(source) ? folder(source, cancel) : file(source, cancel);
    }

    /**
     * Keeps digests in {@code file} from now on, and knows those kept there before (read on first use).
     * A line per digest: {@code sha256 TAB size TAB modified-nanoseconds TAB absolute path}.
     */
    public static synchronized void keepIn(Path file) {
        if (!file.equals(store)) {
            store = file;
            storeRead = false;
        }
    }

    /** Stops keeping digests in {@code file}, if they are kept there: those known stay known to this process. */
    public static synchronized void stopKeepingIn(Path file) {
        if (file.equals(store)) {
            store = null;
        }
    }

    public static String file(Path file, CancelToken cancel) {
        Path key = file.toAbsolutePath().normalize();
        Stamp stamp = stamp(key);
        readStore();
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
        keep(key, new Known(stamp, digest));
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
        readStore();
        Path key = file.toAbsolutePath().normalize();
        Known known = KNOWN.get(key);
        return known != null && known.stamp().equals(stamp(key)) ? Optional.of(known.digest()) : Optional.empty();
    }

    /** Forgets what this process read, as a new process would start: the store is read again on next use. */
    static synchronized void forgetThisProcess() {
        KNOWN.clear();
        storeRead = false;
    }

    /** The store's digests join those of this process (which are newer); a large store is compacted. */
    private static synchronized void readStore() {
        if (store == null || storeRead) {
            return;
        }
        storeRead = true;
        try {
            if (!Files.isRegularFile(store)) {
                return;
            }
            Map<Path, Known> read = new java.util.HashMap<>();
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 4);
                if (fields.length == 4 && fields[0].length() == UploadRule.DIGEST_LENGTH) {
                    try {
                        read.put(Path.of(fields[3]), new Known(new Stamp(Long.parseLong(fields[1]),
                                Long.parseLong(fields[2])), fields[0]));
                    } catch (RuntimeException malformed) {
                        // a line cut short by a crash: skipped
                    }
                }
            }
            read.forEach(KNOWN::putIfAbsent);
            if (Files.size(store) > STORE_COMPACT_BYTES) {
                StringBuilder kept = new StringBuilder();
                read.forEach((path, known) -> {
                    if (Files.exists(path) && known.stamp().equals(stamp(path))) {
                        kept.append(line(path, known));
                    }
                });
                com.endpointstudio.core.io.AtomicFiles.write(store, kept.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // the store only saves reading: without it, inputs are read again
        }
    }

    private static synchronized void keep(Path path, Known known) {
        if (store == null || path.toString().contains("\n") || path.toString().contains("\r")) {
            return; // a line per digest
        }
        try {
            Files.createDirectories(store.getParent());
            Files.writeString(store, line(path, known), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the store only saves reading: this digest is remembered by this process alone
        }
    }

    private static String line(Path path, Known known) {
        return known.digest() + "\t" + known.stamp().size() + "\t" + known.stamp().modifiedNanos() + "\t" + path + "\n";
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
            return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
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
