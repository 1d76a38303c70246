package com.endpointstudio.hosting.local;

import com.endpointstudio.core.invoke.RuntimeHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP calls from the local runtime to the model servers, as SageMaker's front end calls the
 * containers of an instance: POST /invocations (or a multi-model container's
 * /models/NAME/invoke) with the headers the runtime API passes on.
 */
final class ContainerClient {

    /**
     * What a container answered.
     *
     * @param modelMicros the model server's own time (X-Model-Latency-Micros), or the round trip's
     */
    record Answer(int status, String contentType, byte[] body, String explanation, String customAttributes,
                  long modelMicros) {
    }

    /** The container did not answer within the invocation's time limit. */
    static final class TimedOut extends Exception {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    ContainerClient(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Headers of an invocation: a missing Accept stays missing, as the containers give it their own meaning. */
    static Map<String, String> headers(String contentType, String accept, String customAttributes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType == null || contentType.isBlank() ? "application/json" : contentType);
        if (accept != null && !accept.isBlank()) {
            headers.put("Accept", accept);
        }
        if (customAttributes != null) {
            headers.put(RuntimeHeaders.CUSTOM_ATTRIBUTES, customAttributes);
        }
        return headers;
    }

    HttpRequest request(int port, String path, Map<String, String> headers, byte[] body, Duration within) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(within).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    /** POSTs and waits for the whole answer; IOException when the server can't be reached. */
    Answer post(int port, String path, Map<String, String> headers, byte[] body) throws IOException, TimedOut,
            InterruptedException {
        return post(port, path, headers, body, timeout);
    }

    Answer post(int port, String path, Map<String, String> headers, byte[] body, Duration within) throws IOException,
            TimedOut, InterruptedException {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request(port, path, headers, body, within),
                    HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - started) / 1000;
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().firstValue(LocalRuntimeServer.EXPLANATION).orElse(null),
                    response.headers().firstValue(RuntimeHeaders.CUSTOM_ATTRIBUTES).orElse(null),
                    response.headers().firstValueAsLong("X-Model-Latency-Micros").orElse(micros));
        } catch (java.net.http.HttpTimeoutException e) {
            throw new TimedOut();
        }
    }

    /** POSTs and returns the answer as it arrives (a response stream). */
    HttpResponse<InputStream> open(int port, String path, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        return client.send(request(port, path, headers, body, timeout), HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<String> sendText(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET or DELETE on a model server's management API; the status and body. */
    HttpResponse<String> manage(int port, String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
