package com.endpointstudio.core.recommend;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.SampleRequests;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request a right-sizing run sends when the user names none: the newest request the console sent
 * to the spec's endpoint on the same connection that was answered (a request that failed, or whose body
 * the history cut, would measure the wrong thing); else the spec's sample request.
 *
 * @param source says where the request came from, to tell the user
 */
public record RecommendSample(InvocationRequest request, String source) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int SHOWN_BYTES = 60;

    /**
     * @param history       the console's history, newest first
     * @param connectionIds the ids the console knows the connection by (they differ between the studio's
     *                      connections reaching the same place)
     */
    public static RecommendSample choose(DeploymentSpec spec, List<HistoryEntry> history,
                                         Collection<String> connectionIds) {
        List<RecommendSample> recent = fromHistory(history, connectionIds, spec.endpoint().name(), 1);
        return recent.isEmpty() ? ofSpec(spec) : recent.get(0);
    }

    /** The spec's own sample request, in the form its framework container decodes by default. */
    public static RecommendSample ofSpec(DeploymentSpec spec) {
        InvocationRequest sample = SampleRequests.forSpec(spec);
        return new RecommendSample(sample, "the sample request for the spec's container (" + sample.contentType()
                + "): " + shown(sample.body()));
    }

    /** Up to {@code limit} answered requests to the endpoint from the history, newest first, one per body. */
    public static List<RecommendSample> fromHistory(List<HistoryEntry> history, Collection<String> connectionIds,
                                                    String endpointName, int limit) {
        Set<String> bodies = new LinkedHashSet<>();
        return history.stream()
                .filter(entry -> entry.connectionId() != null && connectionIds.contains(entry.connectionId())
                        && entry.succeeded()
                        && !entry.requestCut()
                        && endpointName.equals(entry.request().endpointName()))
                .filter(entry -> bodies.add(entry.request().contentType() + "\n"
                        + new String(entry.request().body(), StandardCharsets.UTF_8)))
                .limit(limit)
                .map(entry -> new RecommendSample(entry.request(), "the console's request to " + endpointName
                        + " of " + WHEN.format(entry.at()) + " (" + entry.request().contentType() + "): "
                        + shown(entry.request().body())))
                .toList();
    }

    /** Whether the body is UTF-8 text, which a text field can hold and send back unchanged. */
    public boolean isText() {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(request().body()));
            return true;
        } catch (java.nio.charset.CharacterCodingException binary) {
            return false;
        }
    }

    private static String shown(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= SHOWN_BYTES ? text : text.substring(0, SHOWN_BYTES) + "… (" + body.length + " bytes)";
    }
}
