package com.endpointstudio.core.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A load test as JSON lines ({@code loadtest --format jsonl}): {@code {"second": …}} each second,
 * then {@code {"report": …}}. Tools can follow a test with it, and the window reads a load
 * generator in a JVM of its own through it.
 */
public final class LoadTestStream {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // the report's derived throughput

    private static final LoadTestSnapshot SAMPLE = new LoadTestSnapshot(Duration.ZERO, 0, LatencyStats.ofMicros(1),
            1, 0);

    private LoadTestStream() {
    }

    /**
     * Writes a sample second once: the JSON writer's first use takes a tenth of a second of CPU in a
     * fresh JVM, which a load generator pays before its clock starts rather than in a measured second.
     */
    public static void warmWriter() {
        line(SAMPLE);
    }

    /**
     * Reads a sample second once: the reader's first use builds its deserializers, which the window pays
     * before it starts a load generator rather than in the first measured second, on the cores they share.
     */
    public static void warmReader() {
        read(line(SAMPLE), second -> { }, report -> { });
    }

    public static String line(LoadTestSnapshot second) {
        return write(Map.of("second", second));
    }

    public static String line(LoadTestReport report) {
        return write(Map.of("report", report));
    }

    /**
     * Reads one line: a second goes to {@code onSecond}, the report to {@code onReport}; a line that is
     * neither (a JVM's own words) is skipped.
     */
    public static void read(String line, Consumer<LoadTestSnapshot> onSecond, Consumer<LoadTestReport> onReport) {
        if (!line.startsWith("{")) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(line);
            if (event.has("second")) {
                onSecond.accept(JSON.treeToValue(event.get("second"), LoadTestSnapshot.class));
            } else if (event.has("report")) {
                onReport.accept(JSON.treeToValue(event.get("report"), LoadTestReport.class));
            }
        } catch (JsonProcessingException notOurs) {
            // not a line of the stream
        }
    }

    private static String write(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
