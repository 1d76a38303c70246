package com.endpointstudio.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An intercepting server in front of moto: every AWS call the studio makes goes through it and is
 * kept by operation ("SageMaker.ListEndpoints", "GraniteServiceVersion20100801.GetMetricData", the
 * S3 method and path), so tests count what was called. It can hold a call back for a while, or
 * answer one operation with an error shaped like the AWS API reference's (code and request id),
 * which moto would not give.
 */
public final class InterceptingProxy implements AutoCloseable {

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "recording-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<Predicate<String>, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    private record Refusal(int status, String code, String message, String requestId) {
    }

    public InterceptingProxy(String targetUrl) {
        this.target = targetUrl;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds back calls whose operation and body match, by {@code delay}. */
    public void delay(Predicate<String> operationAndBody, Duration delay) {
        delays.put(operationAndBody, delay);
    }

    /** Answers every call of {@code operation} with the error, as the service would. */
    public void refuse(String operation, int status, String code, String message, String requestId) {
        refusals.put(operation, new Refusal(status, code, message, requestId));
    }

    /** The operations called so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    public void forget() {
        calls.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget != null ? amzTarget : operationOf(exchange, body);
            calls.add(operation);
            String text = operation + " " + new String(body, StandardCharsets.UTF_8);
            for (var delay : delays.entrySet()) {
                if (delay.getKey().test(text)) {
                    sleep(delay.getValue());
                }
            }
            Refusal refusal = refusals.get(operation);
            if (refusal != null) {
                byte[] error = ("{\"__type\":\"" + refusal.code() + "\",\"message\":\"" + refusal.message() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.getResponseHeaders().set("x-amzn-RequestId", refusal.requestId());
                exchange.sendResponseHeaders(refusal.status(), error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** Query-protocol services (CloudWatch, STS) name the operation in the form body; REST ones by method and path. */
    private static String operationOf(HttpExchange exchange, byte[] body) {
        String form = new String(body, StandardCharsets.UTF_8);
        for (String part : form.split("&")) {
            if (part.startsWith("Action=")) {
                return part.substring("Action=".length());
            }
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
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
