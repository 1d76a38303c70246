package com.endpointstudio.core.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The points a view holds, per query, kept across refreshes: a refresh fetches only from the
 * last point on and merges it in (a newer value of the same minute replaces the older, since the
 * newest bucket fills up while it is current), and points that slid out of the range are dropped.
 */
public final class MetricsData {

    private final Map<String, MetricQuery> queries = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Instant, Double>> points = new LinkedHashMap<>();
    private Instant fetchedUntil;

    public MetricsData(List<MetricQuery> queries) {
        for (MetricQuery query : queries) {
            this.queries.put(query.id(), query);
            points.put(query.id(), new TreeMap<>());
        }
    }

    /** Where the next refresh starts: one period before the last fetch's end (its bucket may have grown). */
    public Instant refreshFrom(Instant rangeStart, int periodSeconds) {
        return fetchedUntil == null ? rangeStart : max(rangeStart, fetchedUntil.minusSeconds(periodSeconds));
    }

    public void merge(List<MetricSeries> fetched, Instant until) {
        for (MetricSeries series : fetched) {
            NavigableMap<Instant, Double> kept = points.get(series.query().id());
            if (kept != null) {
                series.points().forEach(point -> kept.put(point.time(), point.value()));
            }
        }
        fetchedUntil = fetchedUntil == null ? until : max(fetchedUntil, until);
    }

    /** Drops points before the range's start. */
    public void trim(Instant rangeStart) {
        points.values().forEach(series -> series.headMap(rangeStart, false).clear());
    }

    /** A query's points, oldest first, in display units. */
    public List<MetricSeries.Point> points(String queryId) {
        MetricQuery query = queries.get(queryId);
        List<MetricSeries.Point> out = new ArrayList<>();
        points.get(queryId).forEach((time, raw) -> out.add(new MetricSeries.Point(time, query.unit().display(raw))));
        return out;
    }

    public boolean isEmpty() {
        return points.values().stream().allMatch(Map::isEmpty);
    }

    public List<MetricQuery> queries() {
        return List.copyOf(queries.values());
    }

    /** Every point of the given queries, a row per timestamp, in display units; blank where one has none. */
    public String toCsv(List<MetricQuery> columns, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        StringBuilder csv = new StringBuilder("time");
        TreeSet<Instant> times = new TreeSet<>();
        for (MetricQuery column : columns) {
            csv.append(',').append(quote(column.label() + " [" + column.unit().label() + "]"));
            times.addAll(points.get(column.id()).keySet());
        }
        csv.append('\n');
        for (Instant time : times) {
            csv.append(format.format(time));
            for (MetricQuery column : columns) {
                Double raw = points.get(column.id()).get(time);
                csv.append(',');
                if (raw != null) {
                    csv.append(String.format(Locale.ROOT, "%.6g", column.unit().display(raw)));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
