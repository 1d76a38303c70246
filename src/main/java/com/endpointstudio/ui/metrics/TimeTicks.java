package com.endpointstudio.ui.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a time axis puts its ticks and what they say: at round local times (whole minutes, 5, 15
 * or 30 minutes, hours, 3, 6 or 12 hours, days), about six across the range, each "HH:mm", with the
 * date in front only on the first tick and where the day changes.
 */
final class TimeTicks {

    private static final long[] STEPS = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
            172800, 604800};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);

    private TimeTicks() {
    }

    /** The round step for a range of {@code span} seconds: the smallest that gives at most {@code most} ticks. */
    static long step(double span, int most) {
        for (long step : STEPS) {
            if (span / step <= most) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** Ticks (epoch seconds) at multiples of the step in the zone's local time, inside [from, to]. */
    static List<Long> ticks(double from, double to, long step, ZoneId zone) {
        List<Long> ticks = new ArrayList<>();
        if (!(to > from)) {
            return ticks;
        }
        long offset = zone.getRules().getOffset(Instant.ofEpochSecond((long) from)).getTotalSeconds();
        long first = Math.floorDiv((long) Math.ceil(from) + offset + step - 1, step) * step - offset;
        for (long tick = first; tick <= to; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    /** "15:30", or "Nov 30 15:30" on the first tick and where the date differs from the tick before. */
    static String label(long tick, Long previous, ZoneId zone) {
        Instant at = Instant.ofEpochSecond(tick);
        boolean newDay = previous == null || !LocalDate.ofInstant(Instant.ofEpochSecond(previous), zone)
                .equals(LocalDate.ofInstant(at, zone));
        return (newDay ? DATE_TIME : TIME).withZone(zone).format(at);
    }
}
