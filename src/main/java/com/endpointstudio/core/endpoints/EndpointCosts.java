package com.endpointstudio.core.endpoints;

import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What endpoints cost while they run (instance-backed variants: the catalog's hourly price ×
 * instances; serverless ones bill per request and have no hourly cost), how often they were
 * called over a window, and which are idle: InService, instance-backed, up for the whole window
 * and not called once in it.
 */
public final class EndpointCosts {

    private final InstanceCatalog catalog;
    private final String region;

    public EndpointCosts(InstanceCatalog catalog, String region) {
        this.catalog = catalog;
        this.region = region;
    }

    /** The hourly on-demand cost of the endpoint's running instances; null when unknown or serverless only. */
    public Double hourly(EndpointDetails endpoint) {
        double total = 0;
        boolean priced = false;
        for (EndpointDetails.Variant variant : endpoint.variants()) {
            if (variant.serverless() || variant.instanceType() == null) {
                continue;
            }
            int count = variant.currentCount() != null ? variant.currentCount()
                    : variant.desiredCount() != null ? variant.desiredCount() : 0;
            var offer = catalog.offer(variant.instanceType(), region);
            if (offer.isEmpty() || !offer.get().priced()) {
                return null;
            }
            total += offer.get().hourlyUsd() * count;
            priced = true;
        }
        return priced ? total : null;
    }

    /**
     * Invocations per endpoint over the window, summed over its variants: one metrics call for all
     * of them. Endpoints without datapoints count 0.
     */
    public static Map<String, Double> invocations(MetricsSource metrics, List<EndpointDetails> endpoints, Duration window,
                                                  Instant now) {
        List<MetricQuery> queries = new ArrayList<>();
        for (EndpointDetails endpoint : endpoints) {
            for (EndpointDetails.Variant variant : endpoint.variants()) {
                queries.add(new MetricQuery("q" + queries.size(), MetricQuery.SAGEMAKER, "Invocations", "Sum",
                        MetricQuery.endpointDimensions(endpoint.name(), variant.name()), endpoint.name(),
                        MetricUnit.COUNT));
            }
        }
        Map<String, Double> sums = new HashMap<>();
        endpoints.forEach(e -> sums.put(e.name(), 0.0));
        if (queries.isEmpty()) {
            return sums;
        }
        int period = (int) Math.max(60, (window.getSeconds() + 59) / 60 * 60);
        for (MetricSeries series : metrics.fetch(queries, now.minus(window), now, period)) {
            double total = series.points().stream().mapToDouble(MetricSeries.Point::value).sum();
            sums.merge(series.query().endpointName(), total, Double::sum);
        }
        return sums;
    }

    /** Whether an endpoint has cost money without being called over the window. */
    public boolean idle(EndpointDetails endpoint, double invocations, Duration window, Instant now) {
        return "InService".equals(endpoint.status()) && endpoint.kind() != EndpointDetails.Kind.SERVERLESS
                && invocations == 0 && endpoint.createdAt() != null
                && !endpoint.createdAt().isAfter(now.minus(window)) && hourly(endpoint) != null;
    }

    /** What an idle endpoint cost over the window. */
    public Double idleCost(EndpointDetails endpoint, Duration window) {
        Double hourly = hourly(endpoint);
        return hourly == null ? null : hourly * window.toMinutes() / 60.0;
    }

    /** Total hourly cost of the endpoints with a known price. */
    public double totalHourly(List<EndpointDetails> endpoints) {
        return endpoints.stream().map(this::hourly).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue)
                .sum();
    }
}
