package com.endpointstudio.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeTicksTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void anHourFrom1519IsTickedEveryTenMinutesAtRoundLocalTimesWithTheDateOnlyOnTheFirst() {
        long from = ZonedDateTime.of(2026, 11, 30, 15, 19, 27, 0, PARIS).toEpochSecond();
        long to = from + 3600;

        long step = TimeTicks.step(to - from, 7);
        var ticks = TimeTicks.ticks(from, to, step, PARIS);

        assertThat(step).isEqualTo(600);
        assertThat(ticks).hasSize(6);
        assertThat(ticks).extracting(t -> TimeTicks.label(t, ticks.indexOf(t) == 0 ? null : ticks.get(ticks.indexOf(t) - 1),
                PARIS)).containsExactly("Nov 30 15:20", "15:30", "15:40", "15:50", "16:00", "16:10");
    }

    @Test
    void aWeekIsTickedAtLocalMidnightsEachWithItsDate() {
        long from = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, PARIS).toEpochSecond();
        long to = from + 7 * 86400;

        long step = TimeTicks.step(to - from, 8);
        var ticks = TimeTicks.ticks(from, to, step, PARIS);

        assertThat(step).isEqualTo(86400);
        assertThat(TimeTicks.label(ticks.get(0), null, PARIS)).isEqualTo("Nov 24 00:00");
        assertThat(TimeTicks.label(ticks.get(1), ticks.get(0), PARIS)).isEqualTo("Nov 25 00:00");
    }
}
