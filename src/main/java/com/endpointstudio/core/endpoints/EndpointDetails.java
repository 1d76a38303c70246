package com.endpointstudio.core.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the dashboard shows it: DescribeEndpoint, its EndpointConfig and the Models behind
 * its variants, with their tags.
 *
 * @param asyncOutput the async inference output path when the config has one (an asynchronous endpoint)
 * @param dataCapture a one-line account of data capture, or null when off
 * @param scaling     a line per variant's Application Auto Scaling target and policies
 * @param dataCaptureDestination where captured data is written (DataCaptureConfig.DestinationS3Uri), or null
 */
public record EndpointDetails(String name, String arn, String status, String failureReason, Instant createdAt,
                              Instant lastModifiedAt, String configName, List<Variant> variants, String asyncOutput,
                              String dataCapture, List<Model> models, Map<String, String> tags, List<String> scaling,
                              String dataCaptureDestination) {

    public EndpointDetails(String name, String arn, String status, String failureReason, Instant createdAt,
                           Instant lastModifiedAt, String configName, List<Variant> variants, String asyncOutput,
                           String dataCapture, List<Model> models, Map<String, String> tags, List<String> scaling) {
        this(name, arn, status, failureReason, createdAt, lastModifiedAt, configName, variants, asyncOutput, dataCapture,
                models, tags, scaling, null);
    }

    /**
     * @param currentCount instances running now (null for serverless)
     * @param serverlessMemoryMb null for instance-backed variants
     */
    public record Variant(String name, String modelName, String instanceType, Integer currentCount, Integer desiredCount,
                          double weight, Integer serverlessMemoryMb, Integer serverlessMaxConcurrency) {

        public boolean serverless() {
            return serverlessMemoryMb != null;
        }
    }

    public record Model(String name, String image, String modelDataUrl, Map<String, String> environment,
                        Map<String, String> tags) {
    }

    public EndpointDetails {
        variants = variants == null ? List.of() : List.copyOf(variants);
        models = models == null ? List.of() : List.copyOf(models);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        scaling = scaling == null ? List.of() : List.copyOf(scaling);
    }

    public enum Kind { INSTANCES, SERVERLESS, ASYNC }

    public Kind kind() {
        if (asyncOutput != null) {
            return Kind.ASYNC;
        }
        return !variants.isEmpty() && variants.stream().allMatch(Variant::serverless) ? Kind.SERVERLESS : Kind.INSTANCES;
    }

    /** "ml.m5.large × 2, ml.g5.xlarge × 1" or "serverless 2048 MB". */
    public String capacity() {
        return String.join(", ", variants.stream().map(v -> v.serverless() ? "serverless " + v.serverlessMemoryMb() + " MB"
                : v.instanceType() + " × " + (v.currentCount() != null ? v.currentCount() : v.desiredCount())).toList());
    }
}
