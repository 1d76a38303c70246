package com.endpointstudio.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes user data so a crash leaves either the old file or the new one, never half of one. */
public final class AtomicFiles {

    /** Receives the stream of the temporary file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves an unreadable file out of the way (keeping it for the user to inspect) and returns
     * where it went.
     */
    public static Path setAside(Path file) throws IOException {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(java.time.LocalDateTime.now());
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        int n = 1;
        while (Files.exists(aside)) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n++);
        }
        Files.move(file, aside);
        return aside;
    }
}
