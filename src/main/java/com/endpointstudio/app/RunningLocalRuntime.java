package com.endpointstudio.app;

import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

/**
 * Finds the local runtime server of another process (the studio, `deploy --local`) by the address it
 * wrote. The address found is kept while the file is unchanged: a command asks on every call, and a load
 * test that read and pinged it each time (a new HTTP client for each) sent a fifth of the calls, and
 * some of them failed.
 */
final class RunningLocalRuntime {

    private static final String HINT = " Start the studio, or serve the endpoint with "
            + "'endpoint-studio deploy SPEC.json --local'.";

    private final Path urlFile;
    private volatile Found found;

    private record Found(String url, FileTime written) {
    }

    RunningLocalRuntime(Path urlFile) {
        this.urlFile = urlFile;
    }

    /** The runtime's URL: the one found before while its file is unchanged, else {@link #find}. */
    String url() {
        try {
            FileTime written = Files.getLastModifiedTime(urlFile);
            Found known = found;
            if (known != null && known.written().equals(written)) {
                return known.url();
            }
            String url = find(urlFile);
            found = new Found(url, written);
            return url;
        } catch (IOException gone) {
            found = null;
            return find(urlFile); // says why there is none
        }
    }

    /** The runtime's URL once it answers GET /ping; else why there is none. */
    static String find(Path urlFile) {
        if (!Files.isRegularFile(urlFile)) {
            throw new StudioException("No local runtime is running on this computer." + HINT);
        }
        String url = read(urlFile);
        try {
            HttpResponse<Void> ping = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(url).resolve("/ping")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (ping.statusCode() != 200) {
                throw new StudioException("The local runtime at " + url + " answered " + ping.statusCode() + "." + HINT);
            }
            return url;
        } catch (IOException | IllegalArgumentException e) {
            throw new StudioException("No local runtime answers (it was last at " + url + ")." + HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Interrupted while looking for the local runtime.", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StudioException("The address of the local runtime can't be read from " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
