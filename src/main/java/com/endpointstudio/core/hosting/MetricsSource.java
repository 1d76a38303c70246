package com.endpointstudio.core.hosting;

import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import java.time.Instant;
import java.util.List;

/** Endpoint metrics as a host keeps them: CloudWatch for AWS, the local recorder for Local. */
public interface MetricsSource {

    /**
     * Every query's points between {@code start} (inclusive) and {@code end} (exclusive) at the
     * period: for AWS one GetMetricData call (paginated) for all of them, never one per series.
     */
    List<MetricSeries> fetch(List<MetricQuery> queries, Instant start, Instant end, int periodSeconds);

    /** The production variants of an endpoint, to chart each or all. */
    List<Variant> variants(String endpointName);

    /** @param serverless whether the variant is serverless (ModelSetupTime applies, utilization does not) */
    record Variant(String name, boolean serverless) {
    }

    default List<String> variantNames(String endpointName) {
        return variants(endpointName).stream().map(Variant::name).toList();
    }
}
