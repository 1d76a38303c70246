package com.endpointstudio.core.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * One invocation as SageMaker's data capture recorded it (a line of a capture file): the request
 * and the response with their content types, when, and under which ids.
 *
 * @param input   the request, or null when only responses are captured
 * @param output  the response, or null when only requests are captured
 * @param file    the s3:// URI of the file it was read from
 */
public record CapturedRecord(String eventId, String inferenceId, Instant inferenceTime, Payload input, Payload output,
                             String file) {

    /**
     * @param encoding JSON or CSV (the data is the payload as text) or BASE64
     */
    public record Payload(String observedContentType, String mode, String data, String encoding) {

        /** The payload's bytes, as they were sent or answered. */
        public byte[] bytes() {
            if ("BASE64".equalsIgnoreCase(encoding)) {
                return Base64.getDecoder().decode(data == null ? "" : data);
            }
            return (data == null ? "" : data).getBytes(StandardCharsets.UTF_8);
        }
    }
}
