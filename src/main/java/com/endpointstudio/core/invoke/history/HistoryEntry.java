package com.endpointstudio.core.invoke.history;

import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * One request and its response, as the console's history keeps them. Bodies larger than
 * {@link #KEPT_BODY_BYTES} are cut (the entry says so), so the history stays small.
 *
 * @param connectionId the connection the endpoint belongs to ("local" or an AWS connection)
 * @param responseStatus 0 when the call never got an answer
 */
public record HistoryEntry(String id, Instant at, String connectionId, InvocationRequest request,
                           int responseStatus, String responseContentType, byte[] responseBody, boolean responseCut,
                           String invokedVariant, double latencyMs, String errorCode, String errorMessage,
                           boolean requestCut) {

    public static final int KEPT_BODY_BYTES = 256 * 1024;

    public static HistoryEntry of(String connectionId, InvocationRequest request, InvocationResult result) {
        byte[] requestBody = request.body();
        byte[] responseBody = result.body();
        InvocationRequest kept = new InvocationRequest(request.endpointName(), request.contentType(), request.accept(),
                cut(requestBody), request.targetVariant(), request.targetModel(), request.targetContainerHostname(),
                request.inferenceId(), request.customAttributes(), request.inferenceComponent());
        return new HistoryEntry(java.util.UUID.randomUUID().toString(), Instant.now(), connectionId, kept,
                result.status(), result.contentType(), cut(responseBody), responseBody.length > KEPT_BODY_BYTES,
                result.invokedVariant(), result.latency() == null ? 0 : result.latency().toNanos() / 1e6,
                result.succeeded() ? null : result.error().code(), result.succeeded() ? null : result.error().message(),
                requestBody.length > KEPT_BODY_BYTES);
    }

    private static byte[] cut(byte[] body) {
        return body.length > KEPT_BODY_BYTES ? Arrays.copyOf(body, KEPT_BODY_BYTES) : body;
    }

    public boolean succeeded() {
        return errorCode == null;
    }

    /** Whether the search text appears in the endpoint, types, status, error or either body. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return contains(request.endpointName(), needle) || contains(request.contentType(), needle)
                || contains(responseContentType, needle) || contains(String.valueOf(responseStatus), needle)
                || contains(errorCode, needle) || contains(errorMessage, needle)
                || contains(new String(request.body(), StandardCharsets.UTF_8), needle)
                || contains(new String(responseBody, StandardCharsets.UTF_8), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The bytes a request and response take in the file, roughly (bodies dominate). */
    long weight() {
        return request.body().length + (long) responseBody.length + 512;
    }
}
