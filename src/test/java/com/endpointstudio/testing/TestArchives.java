package com.endpointstudio.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small model.tar.gz files for tests: a tar of the given entries, gzip-compressed. */
public final class TestArchives {

    private TestArchives() {
    }

    /** Writes a .tar.gz holding the given files (path inside the archive → text). */
    public static Path tarGz(Path file, Map<String, String> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                for (var entry : new TreeMap<>(entries).entrySet()) {
                    byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                    header.setSize(bytes.length);
                    tar.putArchiveEntry(header);
                    tar.write(bytes);
                    tar.closeArchiveEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .tar.gz holding one file of the given bytes. */
    public static Path withBytes(Path file, String name, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                TarArchiveEntry header = new TarArchiveEntry(name);
                header.setSize(content.length);
                tar.putArchiveEntry(header);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file, in hex: the key segment its upload goes under. */
    public static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A model.tar.gz whose one file says which model it is: two of them differ in bytes. */
    public static Path model(Path file, String which) {
        return tarGz(file, Map.of("model.txt", "model " + which + "\n", "code/inference.py",
                "def model_fn(model_dir):\n    return open(model_dir + '/model.txt').read()\n"));
    }
}
