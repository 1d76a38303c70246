package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Data capture on Local hosting, written as SageMaker writes it (model-monitor-data-capture-endpoint.md,
 * "View Captured Data"): a sample of the invocations, at the configured percentage, as JSON Lines
 * records {"captureData": {"endpointInput": …, "endpointOutput": …}, "eventMetadata": …,
 * "eventVersion": "0"} under {@code DestinationS3Uri/<endpoint>/<variant>/yyyy/mm/dd/hh/} in the
 * local bucket folder. A payload whose content type is one of the CaptureContentTypeHeader's JSON
 * or CSV types is kept as text with encoding JSON or CSV; any other is BASE64 (the API's rule:
 * "If no headers are specified SageMaker will by default base64 encode").
 */
final class DataCapture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("mm-ss-SSS").withZone(ZoneOffset.UTC);

    private final LocalBuckets buckets;
    private final RandomGenerator random;
    /** endpoint/variant → the file of the current hour */
    private final Map<String, Path> current = new ConcurrentHashMap<>();

    DataCapture(LocalBuckets buckets, RandomGenerator random) {
        this.buckets = buckets;
        this.random = random;
    }

    /** Captures one answered invocation, or not, by the sampling percentage. */
    void capture(String endpoint, String variant, DataCaptureSpec spec, String inferenceId, String requestType,
                 byte[] request, String responseType, byte[] response) {
        if (spec == null || !(spec.captureRequest() || spec.captureResponse())
                || random.nextDouble() * 100 >= spec.samplingPercentage()) {
            return;
        }
        Instant now = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        if (spec.captureRequest()) {
            data.put("endpointInput", payload(spec, requestType, "INPUT", request));
        }
        if (spec.captureResponse()) {
            data.put("endpointOutput", payload(spec, responseType, "OUTPUT", response));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("eventId", UUID.randomUUID().toString());
        if (inferenceId != null) {
            metadata.put("inferenceId", inferenceId);
        }
        metadata.put("inferenceTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("captureData", data);
        record.put("eventMetadata", metadata);
        record.put("eventVersion", "0");
        try {
            append(endpoint, variant, spec, now, JSON.writeValueAsString(record));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DataCapture.class).warn("capture of {} not written: {}", endpoint,
                    e.getMessage());
        }
    }

    private static Map<String, Object> payload(DataCaptureSpec spec, String contentType, String mode, byte[] body) {
        String type = contentType == null ? "" : contentType;
        String encoding = listed(spec.jsonContentTypes(), type) ? "JSON" : listed(spec.csvContentTypes(), type) ? "CSV"
                : "BASE64";
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("observedContentType", type);
        payload.put("mode", mode);
        payload.put("data", encoding.equals("BASE64") ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8));
        payload.put("encoding", encoding);
        return payload;
    }

    /** A content type is listed when the list names it, with or without its parameters (text/csv; charset=utf-8). */
    private static boolean listed(List<String> types, String observed) {
        String bare = observed.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return types.stream().map(t -> t.strip().toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.equals(observed.strip().toLowerCase(Locale.ROOT)) || t.equals(bare));
    }

    /** Appends a line to this hour's file of the variant (a new file each hour, named by its first record's time). */
    private synchronized void append(String endpoint, String variant, DataCaptureSpec spec, Instant now, String line)
            throws IOException {
        String destination = spec.destinationS3Uri().endsWith("/") ? spec.destinationS3Uri()
                : spec.destinationS3Uri() + "/";
        String hourPrefix = destination + endpoint + "/" + variant + "/" + HOUR.format(now) + "/";
        Path hourFolder = buckets.path(hourPrefix);
        String key = endpoint + "/" + variant;
        Path file = current.get(key);
        if (file == null || !file.getParent().equals(hourFolder)) {
            file = buckets.path(hourPrefix + FILE.format(now) + "-" + UUID.randomUUID() + ".jsonl");
            current.put(key, file);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
