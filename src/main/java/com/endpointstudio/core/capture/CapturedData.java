package com.endpointstudio.core.capture;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data an endpoint captured: its files under {@code DestinationS3Uri/<endpoint>/<variant>/yyyy/mm/dd/hh/}
 * (model-monitor-data-capture-endpoint.md, "View Captured Data") and the records in them, read from
 * S3 — or, for Local endpoints, from the local bucket folder.
 */
public final class CapturedData {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One capture file: its URI, and the variant and hour its path names. */
    public record CaptureFile(String uri, String variant, String hour) {
    }

    private final ModelDataStore store;

    public CapturedData(ModelDataStore store) {
        this.store = store;
    }

    /** The endpoint's capture files, newest first. */
    public List<CaptureFile> files(String destination, String endpoint) {
        String base = (destination.endsWith("/") ? destination : destination + "/") + endpoint + "/";
        List<CaptureFile> files = new ArrayList<>();
        for (String key : store.list(base)) {
            String[] parts = key.split("/");
            if (parts.length == 6 && key.endsWith(".jsonl")) {
                files.add(new CaptureFile(base + key, parts[0], parts[1] + "-" + parts[2] + "-" + parts[3] + " "
                        + parts[4] + ":00"));
            }
        }
        files.sort(Comparator.comparing((CaptureFile f) -> f.hour() + f.uri().substring(f.uri().lastIndexOf('/')))
                .reversed());
        return files;
    }

    /** The records of one file, in the order they were captured. */
    public List<CapturedRecord> records(CaptureFile file) {
        return parse(new String(store.read(file.uri()), StandardCharsets.UTF_8), file.uri());
    }

    /** Records from the JSON Lines of a capture file; a line that is not a record is reported. */
    public static List<CapturedRecord> parse(String jsonLines, String file) {
        List<CapturedRecord> records = new ArrayList<>();
        int number = 0;
        for (String line : jsonLines.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(line);
                JsonNode data = record.path("captureData");
                JsonNode meta = record.path("eventMetadata");
                String time = meta.path("inferenceTime").asText(null);
                records.add(new CapturedRecord(meta.path("eventId").asText(null), meta.path("inferenceId").asText(null),
                        time == null ? null : Instant.parse(time), payload(data.path("endpointInput")),
                        payload(data.path("endpointOutput")), file));
            } catch (IOException | RuntimeException e) {
                throw new StudioException("Line " + number + " of " + file + " is not a capture record: "
                        + e.getMessage(), e);
            }
        }
        return records;
    }

    private static CapturedRecord.Payload payload(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new CapturedRecord.Payload(node.path("observedContentType").asText(null), node.path("mode").asText(null),
                node.path("data").asText(null), node.path("encoding").asText(null));
    }
}
