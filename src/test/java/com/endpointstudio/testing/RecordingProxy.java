package com.endpointstudio.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of an AWS emulator that records every request it passes on — method, path,
 * headers, body — so a test can compare what different clients (the studio, boto3, the AWS CLI) sent.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One request as it arrived. */
    public record Recorded(String method, String path, Map<String, String> headers, byte[] body) {

        /** The operation of an AWS JSON protocol call (X-Amz-Target "SageMaker.CreateModel" → CreateModel). */
        public String jsonOperation() {
            String target = headers.get("x-amz-target");
            return target == null ? null : target.substring(target.indexOf('.') + 1);
        }
    }

    /** An answer given in place of the emulator's, for operations it lacks. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private volatile java.util.function.Function<Recorded, java.util.Optional<Answer>> answerer = r ->
            java.util.Optional.empty();

    /** Answers the requests {@code answers} takes itself (it returns empty for the others, passed on as before). */
    public RecordingProxy answering(java.util.function.Function<Recorded, java.util.Optional<Answer>> answers) {
        this.answerer = answers;
        return this;
    }

    private volatile java.util.function.Function<Recorded, byte[]> rewriter = Recorded::body;

    /**
     * Passes on what {@code rewrite} makes of each request's body (what was recorded stays what the
     * client sent): for requests the emulator would refuse over a member it does not know.
     */
    public RecordingProxy rewriting(java.util.function.Function<Recorded, byte[]> rewrite) {
        this.rewriter = rewrite;
        return this;
    }

    /** Headers the JDK's client sets itself; the rest are passed on as they came. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.concurrent.ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "recording-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Recorded> recorded = new ArrayList<>();

    private RecordingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    public static RecordingProxy in(String targetUrl) {
        try {
            return new RecordingProxy(targetUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    public synchronized void clear() {
        recorded.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Recorded call = new Recorded(exchange.getRequestMethod(), path, headers, body);
            synchronized (this) {
                recorded.add(call);
            }
            java.util.Optional<Answer> own = answerer.apply(call);
            if (own.isPresent()) {
                own.get().headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                exchange.sendResponseHeaders(own.get().status(), own.get().body().length == 0 ? -1
                        : own.get().body().length);
                if (own.get().body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(own.get().body());
                    }
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(rewriter.apply(call)));
            headers.forEach((name, value) -> {
                if (!RESTRICTED.contains(name)) {
                    request.header(name, value);
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) { // the object's size, which a HEAD answer carries without a body
                response.headers().firstValue("content-length").ifPresent(length ->
                        exchange.getResponseHeaders().set("Content-Length", length));
            }
            boolean empty = response.body().length == 0 || head;
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
