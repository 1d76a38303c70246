package com.endpointstudio.core.loadtest;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of a set of requests, from an HdrHistogram in microseconds (three
 * significant digits, up to an hour), reported in milliseconds.
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                           double maxMs) {

    static final long HIGHEST_MICROS = 3_600_000_000L;

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    public static LatencyStats of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(micros.getTotalCount(), micros.getMean() / 1000.0,
                ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    /** For known sets (tests, exports): every value recorded once. */
    public static LatencyStats ofMicros(long... values) {
        Histogram histogram = newHistogram();
        for (long value : values) {
            histogram.recordValue(Math.max(1, Math.min(value, HIGHEST_MICROS)));
        }
        return of(histogram);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
