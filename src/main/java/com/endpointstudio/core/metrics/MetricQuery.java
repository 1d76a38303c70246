package com.endpointstudio.core.metrics;

import java.util.Map;

/**
 * One series of a GetMetricData call: a metric of a namespace with its dimensions and one statistic.
 *
 * @param id    unique within the call; GetMetricData wants {@code ^[a-z][a-zA-Z0-9_]*$}
 * @param label what the legend and the CSV header call it, e.g. "ModelLatency p99 (AllTraffic)"
 */
public record MetricQuery(String id, String namespace, String metricName, String stat, Map<String, String> dimensions,
                          String label, MetricUnit unit) {

    public static final String SAGEMAKER = "AWS/SageMaker";
    public static final String ENDPOINT_INSTANCES = "/aws/sagemaker/Endpoints";

    public MetricQuery {
        // kept in the given order: CloudWatch ignores it, but emulators match dimensions in order
        dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
    }

    /** EndpointName then VariantName, the dimensions SageMaker publishes endpoint metrics under. */
    public static Map<String, String> endpointDimensions(String endpoint, String variant) {
        Map<String, String> dimensions = new java.util.LinkedHashMap<>();
        dimensions.put("EndpointName", endpoint);
        dimensions.put("VariantName", variant);
        return dimensions;
    }

    public String endpointName() {
        return dimensions.get("EndpointName");
    }

    public String variantName() {
        return dimensions.get("VariantName");
    }
}
