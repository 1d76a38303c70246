package com.endpointstudio.core.transform;

import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The input files of a job on this computer, as an S3 prefix would list them: a file on its own, or
 * every regular file below a folder (links and hidden files left out), by the UTF-8 bytes of its path
 * below the folder — the order S3 lists keys in. Each keeps that path as its name, so its output lands
 * in the same subfolder below the output folder.
 */
public final class LocalInputs {

    private LocalInputs() {
    }

    public static List<TransformAgent.InputFile> of(Path location) {
        if (!Files.isDirectory(location)) {
            return List.of(new TransformAgent.InputFile(location, location.getFileName().toString()));
        }
        try (Stream<Path> walk = Files.walk(location)) {
            return walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !hidden(location.relativize(path)))
                    .map(path -> new TransformAgent.InputFile(path, location.relativize(path).toString()
                            .replace('\\', '/')))
                    .sorted((a, b) -> Arrays.compareUnsigned(a.name().getBytes(StandardCharsets.UTF_8),
                            b.name().getBytes(StandardCharsets.UTF_8)))
                    .toList();
        } catch (IOException e) {
            throw new StudioException("Could not list the input folder " + location + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
