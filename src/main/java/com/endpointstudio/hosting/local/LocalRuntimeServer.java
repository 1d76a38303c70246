package com.endpointstudio.hosting.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the SageMaker runtime API for local endpoints on 127.0.0.1 ({@code POST
 * /endpoints/NAME/invocations}), so boto3, the AWS CLI and the studio invoke them exactly as
 * they invoke AWS. Requests are forwarded to the endpoint's model server; every invocation is
 * recorded in {@link LocalMetrics}. Signatures are not checked: the server listens on loopback only.
 */
public final class LocalRuntimeServer implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile(
            "^/endpoints/([a-zA-Z0-9](?:-*[a-zA-Z0-9])*)/(invocations|invocations-response-stream)$");
    private static final long MAX_BODY = 6 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the client's
        // delayed ACK adds about 40 ms to each keep-alive response.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final List<String> FORWARDED = List.of("X-Amzn-SageMaker-Custom-Attributes");
    /**
     * Local only: one sentence on why the container answered as it did, when a container rule
     * rather than the model is the cause (the answer itself is SageMaker's).
     */
    public static final String EXPLANATION = "X-Endpoint-Studio-Explanation";

    private final LocalHost host;
    private final LocalMetrics metrics;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-runtime");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LocalRuntimeServer(LocalHost host, LocalMetrics metrics, int port) throws IOException {
        this.host = host;
        this.metrics = metrics;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** The endpoint URL to give boto3 or the AWS CLI (--endpoint-url). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping") && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, "text/plain", new byte[0]);
                return;
            }
            Matcher matcher = INVOKE.matcher(path);
            if (!matcher.matches() || !exchange.getRequestMethod().equals("POST")) {
                error(exchange, 404, "UnknownOperationException", "No runtime operation at " + path);
                return;
            }
            invoke(exchange, matcher.group(1), matcher.group(2).endsWith("stream"));
        }
    }

    private void invoke(HttpExchange exchange, String endpoint, boolean stream) throws IOException {
        long started = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            error(exchange, 413, "ValidationError", "The request body is larger than the 6 MiB InvokeEndpoint accepts.");
            return;
        }
        int port;
        try {
            port = host.port(endpoint);
        } catch (RuntimeException e) {
            String reason = host.describe(endpoint).isPresent() ? "Endpoint " + endpoint + " is not InService."
                    : "Endpoint " + endpoint + " of account local not found.";
            error(exchange, 400, "ValidationError", reason);
            metrics.record(endpoint, 400, 0, 0, Instant.now());
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
                .timeout(host.requestTimeout())
                .header("Content-Type", header(exchange, "Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && !accept.isBlank()) {
            request.header("Accept", accept); // as sent: the containers give a missing Accept its own meaning
        }
        for (String name : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        if (stream) {
            stream(exchange, endpoint, request.build(), started);
            return;
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            timedOut(exchange, endpoint);
            return;
        } catch (IOException e) {
            error(exchange, 424, "ModelError", "The model server of " + endpoint + " did not answer: " + e.getMessage());
            metrics.record(endpoint, 500, 0, 0, Instant.now());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long totalMicros = (System.nanoTime() - started) / 1000;
        long modelMicros = response.headers().firstValueAsLong("X-Model-Latency-Micros").orElse(totalMicros);
        metrics.record(endpoint, response.statusCode(), modelMicros, Math.max(0, totalMicros - modelMicros), Instant.now());
        response.headers().firstValue(EXPLANATION).ifPresent(why -> exchange.getResponseHeaders().set(EXPLANATION, why));
        if (response.statusCode() != 200) {
            modelError(exchange, endpoint, response.statusCode(), response.body());
            return;
        }
        exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
        // Local only: the model's own time, so tools can tell it from the serving overhead.
        exchange.getResponseHeaders().set("X-Local-Model-Latency-Micros", Long.toString(modelMicros));
        send(exchange, 200, response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
    }

    /**
     * InvokeEndpointWithResponseStream: each piece the model server sends (a chunk of its chunked
     * answer) goes out at once as a PayloadPart event of the AWS event stream encoding.
     */
    private void stream(HttpExchange exchange, String endpoint, HttpRequest request, long started) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            error(exchange, 424, "ModelError", "The model server of " + endpoint + " did not answer: " + e.getMessage());
            metrics.record(endpoint, 500, 0, 0, Instant.now());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (InputStream parts = response.body()) {
            response.headers().firstValue(EXPLANATION).ifPresent(why -> exchange.getResponseHeaders().set(EXPLANATION, why));
            if (response.statusCode() != 200) {
                byte[] body = parts.readAllBytes();
                metrics.record(endpoint, response.statusCode(), 0, 0, Instant.now());
                modelError(exchange, endpoint, response.statusCode(), body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
            exchange.getResponseHeaders().set("X-Amzn-Invoked-Production-Variant", "AllTraffic");
            exchange.getResponseHeaders().set("X-Amzn-SageMaker-Content-Type",
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = parts.read(buffer)) > 0) {
                    event("PayloadPart", java.util.Arrays.copyOf(buffer, read)).encode(out);
                    out.flush();
                }
            }
        }
        long totalMicros = (System.nanoTime() - started) / 1000;
        metrics.record(endpoint, 200, totalMicros, 0, Instant.now());
    }

    private static software.amazon.eventstream.Message event(String type, byte[] payload) {
        Map<String, software.amazon.eventstream.HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", software.amazon.eventstream.HeaderValue.fromString("event"));
        headers.put(":event-type", software.amazon.eventstream.HeaderValue.fromString(type));
        headers.put(":content-type", software.amazon.eventstream.HeaderValue.fromString("application/octet-stream"));
        return new software.amazon.eventstream.Message(headers, payload);
    }

    private static void modelError(HttpExchange exchange, String endpoint, int status, byte[] body) throws IOException {
        String original = new String(body, StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "ModelError");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ErrorCode", status >= 500 ? "SERVER_ERROR_FROM_MODEL" : "CLIENT_ERROR_FROM_MODEL");
        error.put("OriginalStatusCode", status);
        error.put("OriginalMessage", original);
        error.put("LogStreamArn", "local:" + endpoint);
        error.put("Message", "Received " + (status >= 500 ? "server" : "client") + " error (" + status
                + ") from model with message \"" + original + "\". See the endpoint's log.");
        send(exchange, 424, "application/json", JSON.writeValueAsBytes(error));
    }

    /** SageMaker's answer when the container has not answered within the invocation's 60 s. */
    private void timedOut(HttpExchange exchange, String endpoint) throws IOException {
        metrics.record(endpoint, 500, 0, 0, Instant.now());
        String message = "Your invocation timed out while waiting for a response from container primary. Review the "
                + "latency metrics for each container in Amazon CloudWatch, resolve the issue, and try again.";
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "ModelError");
        exchange.getResponseHeaders().set(EXPLANATION, "The model server did not answer within "
                + host.requestTimeout().toSeconds() + " s, the longest SageMaker waits for an invocation.");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ErrorCode", "SERVER_ERROR_FROM_MODEL");
        error.put("OriginalStatusCode", 0);
        error.put("OriginalMessage", message);
        error.put("LogStreamArn", "local:" + endpoint);
        error.put("Message", "Received server error (0) from primary with message \"" + message + "\". See the "
                + "endpoint's log.");
        send(exchange, 424, "application/json", JSON.writeValueAsBytes(error));
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
