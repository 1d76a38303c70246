package com.endpointstudio.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.invoke.history.SavedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationHistoryTest {

    @TempDir
    Path dir;

    private static InvocationRequest request(String endpoint, String body) {
        return new InvocationRequest(endpoint, "application/json", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "blue", null, null, null, null);
    }

    private static InvocationResult ok(String body) {
        return new InvocationResult(200, "application/json", body.getBytes(StandardCharsets.UTF_8), "blue", null,
                Duration.ofMillis(12), null, null, "rid");
    }

    @Test
    void everyRequestAndResponseSurvivesARestartNewestFirstAndIsSearchable() {
        InvocationHistory history = new InvocationHistory(dir);
        history.add(HistoryEntry.of("local", request("houses", "[[3, 80, 12]]"), ok("[235.9]")));
        history.add(HistoryEntry.of("local", request("churn", "{\"customer\": 7}"), new InvocationResult(500,
                "text/plain", new byte[0], null, null, Duration.ofMillis(3), null,
                new InvocationError("ModelError", "KeyError: 'age'", "local:churn"), null)));

        InvocationHistory reopened = new InvocationHistory(dir);
        assertThat(reopened.entries()).extracting(e -> e.request().endpointName()).containsExactly("churn", "houses");
        HistoryEntry houses = reopened.entries().get(1);
        assertThat(new String(houses.request().body(), StandardCharsets.UTF_8)).isEqualTo("[[3, 80, 12]]");
        assertThat(new String(houses.responseBody(), StandardCharsets.UTF_8)).isEqualTo("[235.9]");
        assertThat(houses.latencyMs()).isEqualTo(12.0);
        assertThat(houses.invokedVariant()).isEqualTo("blue");
        assertThat(reopened.search("235.9")).extracting(e -> e.request().endpointName()).containsExactly("houses");
        assertThat(reopened.search("keyerror")).extracting(HistoryEntry::errorCode).containsExactly("ModelError");
        assertThat(reopened.search("")).hasSize(2);
    }

    @Test
    void theHistoryIsCappedByEntriesAndBytesDroppingTheOldest() {
        InvocationHistory history = new InvocationHistory(dir, 5, 10L * 1024 * 1024);
        for (int i = 0; i < 8; i++) {
            history.add(HistoryEntry.of("local", request("e" + i, "[" + i + "]"), ok("[]")));
        }
        assertThat(history.entries()).extracting(e -> e.request().endpointName())
                .containsExactly("e7", "e6", "e5", "e4", "e3");

        InvocationHistory small = new InvocationHistory(dir.resolve("small"), 100, 400 * 1024);
        String big = "x".repeat(400 * 1024);
        small.add(HistoryEntry.of("local", request("first", big), ok("[]")));
        small.add(HistoryEntry.of("local", request("second", big), ok("[]")));
        assertThat(small.entries()).extracting(e -> e.request().endpointName()).containsExactly("second");
        assertThat(small.entries().get(0).requestCut()).isTrue();
        assertThat(small.entries().get(0).request().body()).hasSize(HistoryEntry.KEPT_BODY_BYTES);
    }

    @Test
    void aDamagedHistoryIsSetAsideAndTheConsoleStartsEmpty() throws Exception {
        Files.writeString(dir.resolve("history.json"), "[{\"id\": ");

        InvocationHistory history = new InvocationHistory(dir);

        assertThat(history.entries()).isEmpty();
        assertThat(history.problems()).singleElement().asString().contains("damaged").contains("history.json.corrupt-");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("history.json.corrupt-"));
        }
        history.add(HistoryEntry.of("local", request("houses", "[1]"), ok("[2]")));
        assertThat(new InvocationHistory(dir).entries()).hasSize(1);
    }

    @Test
    void requestsAreSavedUnderANamePerEndpoint() {
        InvocationHistory history = new InvocationHistory(dir);
        history.save(new SavedRequest("small house", "local", request("houses", "[[1, 40, 30]]")));
        history.save(new SavedRequest("big house", "local", request("houses", "[[5, 200, 2]]")));
        history.save(new SavedRequest("small house", "local", request("houses", "[[1, 45, 30]]")));
        history.save(new SavedRequest("small house", "local", request("churn", "{}")));

        InvocationHistory reopened = new InvocationHistory(dir);
        assertThat(reopened.saved("local", "houses")).extracting(SavedRequest::name)
                .containsExactly("big house", "small house");
        assertThat(new String(reopened.saved("local", "houses", "small house").orElseThrow().request().body(),
                StandardCharsets.UTF_8)).isEqualTo("[[1, 45, 30]]");
        assertThat(reopened.saved("local", "churn")).hasSize(1);
    }
}
