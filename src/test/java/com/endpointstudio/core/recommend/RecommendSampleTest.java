package com.endpointstudio.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which request a right-sizing run sends when none is named. */
class RecommendSampleTest {

    private static HistoryEntry answered(String connection, String endpoint, String body) {
        return HistoryEntry.of(connection, new InvocationRequest(endpoint, "application/json", null,
                body.getBytes(StandardCharsets.UTF_8), null, null, null, null, null), new InvocationResult(200,
                "application/json", new byte[0], "AllTraffic", null, Duration.ofMillis(5), null, null, "rid"));
    }

    @Test
    void recentRequestsAreOnePerBodyNewestFirstAndSkipCutBodiesAndEntriesWithoutAConnection() {
        HistoryEntry cut = answered("c1", "churn", "[[0]]");
        HistoryEntry cutEntry = new HistoryEntry(cut.id(), cut.at(), "c1", cut.request(), 200, null, new byte[0], false,
                null, 5, null, null, true);
        HistoryEntry noConnection = new HistoryEntry("x", Instant.now(), null, cut.request(), 200, null, new byte[0],
                false, null, 5, null, null, false);
        List<HistoryEntry> newestFirst = List.of(cutEntry, noConnection, answered("c2", "churn", "[[2]]"),
                answered("c1", "churn", "[[1]]"), answered("c1", "churn", "[[2]]"));

        List<RecommendSample> recent = RecommendSample.fromHistory(newestFirst, List.of("c1", "c2"), "churn", 10);

        assertThat(recent).extracting(s -> new String(s.request().body(), StandardCharsets.UTF_8))
                .containsExactly("[[2]]", "[[1]]");
        assertThat(RecommendSample.choose(TestSpecs.simple("churn"), newestFirst, List.of("c3")).source())
                .isEqualTo("the sample request for the spec's container (application/json): [[3, 80, 12]]");
    }
}
