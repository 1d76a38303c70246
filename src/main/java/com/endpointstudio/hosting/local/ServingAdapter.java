package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * The Python serving adapter shipped in the studio's jar — sagemaker_serve.py, the serving
 * personalities (studio_serving/) and the modules the framework images give scripts (shims/) —
 * copied to disk where Python can run it. The files are listed in adapter-files.txt.
 */
public final class ServingAdapter {

    private static final String BASE = "/hosting/local/";
    private static final String INDEX = BASE + "adapter-files.txt";

    private ServingAdapter() {
    }

    /** The adapter's files, relative to its folder. */
    public static List<String> files() {
        try (InputStream in = ServingAdapter.class.getResourceAsStream(INDEX)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the serving adapter's file list can't be read", e);
        }
    }

    /** Writes the adapter into {@code dir} (each file only when its content changed) and returns its script. */
    public static Path install(Path dir) {
        try {
            for (String file : files()) {
                write(dir, file);
            }
            return dir.resolve("sagemaker_serve.py");
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the serving adapter in " + dir, e);
        }
    }

    private static void write(Path dir, String file) throws IOException {
        byte[] content;
        try (InputStream in = ServingAdapter.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IOException("the adapter file " + file + " is missing from the studio's jar");
            }
            content = in.readAllBytes();
        }
        Path target = dir.resolve(file);
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
