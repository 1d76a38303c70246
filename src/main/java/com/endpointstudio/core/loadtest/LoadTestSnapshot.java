package com.endpointstudio.core.loadtest;

import java.time.Duration;

/**
 * One second of a load test, for the live chart: what completed in that second.
 *
 * @param elapsed       from the start of the test to the end of this second
 * @param throughput    requests completed per second in this interval
 * @param latency       percentiles of the requests completed in this interval
 * @param completed     requests completed since the start
 * @param failed        of which failed
 */
public record LoadTestSnapshot(Duration elapsed, double throughput, LatencyStats latency, long completed, long failed) {
}
