package com.endpointstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting what the studio unpacked, installed or downloaded: a file, or a folder with all it holds. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes the file or folder, deepest entries first; nothing happens when it is not there. */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /** {@link #delete}, for leftovers the next use of the place replaces anyway. */
    public static void deleteQuietly(Path path) {
        try {
            delete(path);
        } catch (IOException e) {
            // left as it is: the next unpack, download or install of this place starts by deleting it
        }
    }
}
