package com.endpointstudio.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A {@link RecordingProxy} in front of moto that names each AWS call the studio makes by its
 * operation ("SageMaker.ListEndpoints", "GraniteServiceVersion20100801.GetMetricData", the S3 method
 * and path), so tests count what was called. It can hold a call back for a while, or answer one
 * operation with an error shaped like the AWS API reference's (code and request id), which moto
 * would not give.
 */
public final class InterceptingProxy implements AutoCloseable {

    private final RecordingProxy proxy;
    private final Map<Predicate<String>, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

    private record Refusal(int status, String code, String message, String requestId) {
    }

    public InterceptingProxy(String targetUrl) {
        this.proxy = RecordingProxy.in(targetUrl).answering(this::intercept);
    }

    public String url() {
        return proxy.url();
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
        return proxy.requests().stream().map(InterceptingProxy::operationOf).toList();
    }

    public long count(String operation) {
        return calls().stream().filter(operation::equals).count();
    }

    public void forget() {
        proxy.clear();
    }

    /** Runs on the proxy's thread before the call goes on: a delay holds it there; a refusal answers it. */
    private Optional<RecordingProxy.Answer> intercept(RecordingProxy.Recorded call) {
        String operation = operationOf(call);
        String text = operation + " " + new String(call.body(), StandardCharsets.UTF_8);
        delays.forEach((matches, delay) -> {
            if (matches.test(text)) {
                sleep(delay);
            }
        });
        Refusal refusal = refusals.get(operation);
        if (refusal == null) {
            return Optional.empty();
        }
        byte[] error = ("{\"__type\":\"" + refusal.code() + "\",\"message\":\"" + refusal.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return Optional.of(new RecordingProxy.Answer(refusal.status(), Map.of("Content-Type",
                "application/x-amz-json-1.1", "x-amzn-RequestId", refusal.requestId()), error));
    }

    /**
     * JSON-protocol services name the operation in X-Amz-Target; query-protocol ones (CloudWatch, STS)
     * in the form body; REST ones by method and path.
     */
    private static String operationOf(RecordingProxy.Recorded call) {
        String target = call.headers().get("x-amz-target");
        if (target != null) {
            return target;
        }
        for (String part : new String(call.body(), StandardCharsets.UTF_8).split("&")) {
            if (part.startsWith("Action=")) {
                return part.substring("Action=".length());
            }
        }
        return call.method() + " " + URI.create(call.path()).getPath();
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
        proxy.close();
    }
}
