package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The Python serving adapter shipped in the studio's jar, copied to disk where Python can run it. */
public final class ServingAdapter {

    private static final String RESOURCE = "/hosting/local/sagemaker_serve.py";

    private ServingAdapter() {
    }

    /** Writes the adapter into {@code dir} (only when its content changed) and returns its path. */
    public static Path install(Path dir) {
        try (InputStream in = ServingAdapter.class.getResourceAsStream(RESOURCE)) {
            byte[] script = in.readAllBytes();
            Path target = dir.resolve("sagemaker_serve.py");
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), script)) {
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, "sagemaker_serve", ".tmp");
                Files.write(temp, script);
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the serving adapter in " + dir, e);
        }
    }
}
