package com.endpointstudio.core.metrics;

import com.endpointstudio.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The span a view shows, and the period its points are fetched at, following CloudWatch's
 * rules: one-minute data is kept 15 days, five-minute data 63 days, hourly data 455 days; a
 * GetMetricData call returns at most 100,800 points; periods are multiples of 60 s.
 */
public record TimeRange(Instant start, Instant end) {

    public static final int MAX_POINTS_PER_CALL = 100_800;

    public enum Preset {
        MINUTES_15("15 min", Duration.ofMinutes(15)), HOUR_1("1 h", Duration.ofHours(1)), HOURS_3("3 h", Duration.ofHours(3)),
        HOURS_12("12 h", Duration.ofHours(12)), DAY_1("1 day", Duration.ofDays(1)), DAYS_3("3 days", Duration.ofDays(3)),
        WEEK_1("1 week", Duration.ofDays(7));

        private final String label;
        private final Duration span;

        Preset(String label, Duration span) {
            this.label = label;
            this.span = span;
        }

        public Duration span() {
            return span;
        }

        public TimeRange endingAt(Instant now) {
            return new TimeRange(now.minus(span), now);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public TimeRange {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new ValidationException("Time range", "the start must come before the end");
        }
    }

    public Duration span() {
        return Duration.between(start, end);
    }

    /**
     * The finest period CloudWatch can answer for this range: limited by the age of its start
     * (older data exists only at coarser periods) and by the points one call may return.
     */
    public int periodSeconds(Instant now, int seriesCount) {
        Duration age = Duration.between(start, now);
        int period = 60;
        if (age.compareTo(Duration.ofDays(63)) > 0) {
            period = 3600;
        } else if (age.compareTo(Duration.ofDays(15)) > 0) {
            period = 300;
        }
        long needed = (long) Math.ceil((double) span().getSeconds() * Math.max(1, seriesCount) / MAX_POINTS_PER_CALL);
        long atLeast = ((needed + 59) / 60) * 60;
        return (int) Math.max(period, atLeast);
    }

    /** The range with both ends on period boundaries, as CloudWatch aligns its points. */
    public TimeRange aligned(int periodSeconds) {
        long p = periodSeconds;
        Instant from = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), p) * p);
        // rounded up from the instant itself: an end in a period's first second (12:30:00.4) still takes
        // in that period, whose points the current minute's calls are
        long endSeconds = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        Instant to = Instant.ofEpochSecond(Math.floorDiv(endSeconds + p - 1, p) * p);
        return new TimeRange(from, to.equals(from) ? from.plusSeconds(p) : to);
    }

    public static TimeRange lastMinutes(long minutes, Instant now) {
        return new TimeRange(now.minus(minutes, ChronoUnit.MINUTES), now);
    }
}
