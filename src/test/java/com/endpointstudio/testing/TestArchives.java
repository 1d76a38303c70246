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

    /** A model.tar.gz whose one file says which model it is: two of them differ in bytes. */
    public static Path model(Path file, String which) {
        return tarGz(file, Map.of("model.txt", "model " + which + "\n", "code/inference.py",
                "def model_fn(model_dir):\n    return open(model_dir + '/model.txt').read()\n"));
    }
}
