package com.endpointstudio.hosting.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifications of Local's asynchronous endpoints: what SageMaker publishes to the success or
 * error SNS topic for each finished request, kept as one JSON line per request in
 * {@code notifications/<endpoint>.jsonl} ({"topic": the configured topic or null, "message": …}),
 * where the console and {@code endpoint-studio invoke --async} read them.
 */
public final class AsyncNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AsyncNotifications() {
    }

    static synchronized void append(Path localRoot, String endpoint, Map<String, Object> line) {
        Path file = file(localRoot, endpoint);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(AsyncNotifications.class).warn("notification not recorded: {}",
                    e.getMessage());
        }
    }

    /** The notifications of an endpoint's requests, oldest first: the message of each, as SageMaker publishes it. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path localRoot, String endpoint) {
        Path file = file(localRoot, endpoint);
        List<Map<String, Object>> messages = new ArrayList<>();
        if (!Files.exists(file)) {
            return messages;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Object message = JSON.readValue(line, Map.class).get("message");
                    if (message instanceof Map<?, ?> map) {
                        messages.add((Map<String, Object>) map);
                    }
                } catch (IOException e) {
                    // a line cut short by a crash: the others still count
                }
            }
        } catch (IOException e) {
            return messages;
        }
        return messages;
    }

    /** The notification of one request, as the JSON text SageMaker publishes, once it finished. */
    public static Optional<String> of(Path localRoot, String endpoint, String inferenceId) {
        List<Map<String, Object>> all = read(localRoot, endpoint);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (inferenceId.equals(all.get(i).get("inferenceId"))) {
                try {
                    return Optional.of(JSON.writeValueAsString(all.get(i)));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets a deleted endpoint's notifications. */
    static void forget(Path localRoot, String endpoint) {
        try {
            Files.deleteIfExists(file(localRoot, endpoint));
        } catch (IOException e) {
            // an old log left behind is harmless
        }
    }

    private static Path file(Path localRoot, String endpoint) {
        return localRoot.resolve("notifications").resolve(endpoint + ".jsonl");
    }
}
