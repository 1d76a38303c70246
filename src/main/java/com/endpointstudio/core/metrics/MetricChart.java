package com.endpointstudio.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of the Metrics screen and the series each draws, for an endpoint and some of its
 * variants, with the dimensions SageMaker publishes them under (EndpointName, VariantName).
 */
public enum MetricChart {
    LATENCY("Latency", MetricUnit.MICROSECONDS),
    TRAFFIC("Invocations and errors", MetricUnit.COUNT),
    UTILIZATION("Utilization", MetricUnit.PERCENT);

    public static final List<String> LATENCY_STATS = List.of("Average", "p50", "p90", "p99");
    public static final List<String> UTILIZATION_METRICS = List.of("CPUUtilization", "MemoryUtilization",
            "GPUUtilization", "GPUMemoryUtilization", "DiskUtilization");

    private final String title;
    private final MetricUnit unit;

    MetricChart(String title, MetricUnit unit) {
        this.title = title;
        this.unit = unit;
    }

    public String title() {
        return title;
    }

    public MetricUnit unit() {
        return unit;
    }

    /**
     * The queries of every chart, in chart order; ids are unique across them so one call fetches all.
     *
     * @param serverless whether the endpoint is serverless (ModelSetupTime is then charted too)
     */
    public static Map<MetricChart, List<MetricQuery>> queries(String endpoint, List<String> variants, boolean serverless) {
        Map<MetricChart, List<MetricQuery>> charts = new LinkedHashMap<>();
        int[] next = {0};
        boolean many = variants.size() > 1;
        for (MetricChart chart : values()) {
            List<MetricQuery> queries = new ArrayList<>();
            for (String variant : variants) {
                Map<String, String> dims = MetricQuery.endpointDimensions(endpoint, variant);
                String suffix = many ? " (" + variant + ")" : "";
                switch (chart) {
                    case LATENCY -> {
                        for (String metric : List.of("ModelLatency", "OverheadLatency")) {
                            for (String stat : LATENCY_STATS) {
                                queries.add(query(next, MetricQuery.SAGEMAKER, metric, stat, dims,
                                        metric + " " + stat + suffix, MetricUnit.MICROSECONDS));
                            }
                        }
                    }
                    case TRAFFIC -> {
                        for (String metric : List.of("Invocations", "InvocationsPerInstance", "Invocation4XXErrors",
                                "Invocation5XXErrors")) {
                            queries.add(query(next, MetricQuery.SAGEMAKER, metric, "Sum", dims, metric + suffix,
                                    MetricUnit.COUNT));
                        }
                        if (serverless) {
                            queries.add(query(next, MetricQuery.SAGEMAKER, "ModelSetupTime", "Average", dims,
                                    "ModelSetupTime (ms)" + suffix, MetricUnit.MICROSECONDS));
                        }
                    }
                    case UTILIZATION -> {
                        for (String metric : UTILIZATION_METRICS) {
                            queries.add(query(next, MetricQuery.ENDPOINT_INSTANCES, metric, "Average", dims,
                                    metric + suffix, MetricUnit.PERCENT));
                        }
                    }
                }
            }
            charts.put(chart, queries);
        }
        return charts;
    }

    private static MetricQuery query(int[] next, String namespace, String metric, String stat, Map<String, String> dims,
                                     String label, MetricUnit unit) {
        return new MetricQuery("m" + next[0]++, namespace, metric, stat, dims, label, unit);
    }
}
