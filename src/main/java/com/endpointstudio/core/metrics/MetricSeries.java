package com.endpointstudio.core.metrics;

import java.time.Instant;
import java.util.List;

/** The points a query returned, oldest first, in raw units (as the source reports them). */
public record MetricSeries(MetricQuery query, List<Point> points) {

    public record Point(Instant time, double value) {
    }

    public MetricSeries {
        points = List.copyOf(points);
    }
}
