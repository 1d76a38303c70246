package com.endpointstudio.core.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LoadTesterTest {

    private final LoadTester tester = new LoadTester(Duration.ofMillis(100));

    private static Supplier<InvocationResult> sleeping(long millis) {
        return () -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return new InvocationResult(200, "application/json", new byte[] {'1'}, "AllTraffic", null,
                    Duration.ofMillis(millis), null, null, "id");
        };
    }

    @Test
    void percentilesOfAKnownSetAreExactToThreeDigits() {
        long[] oneToThousandMs = LongStream.rangeClosed(1, 1000).map(ms -> ms * 1000).toArray();
        LatencyStats stats = LatencyStats.ofMicros(oneToThousandMs);

        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.p50Ms()).isCloseTo(500, Offset.offset(0.5));
        assertThat(stats.p90Ms()).isCloseTo(900, Offset.offset(0.9));
        assertThat(stats.p99Ms()).isCloseTo(990, Offset.offset(1.0));
        assertThat(stats.maxMs()).isCloseTo(1000, Offset.offset(1.0));
        assertThat(stats.meanMs()).isCloseTo(500.5, Offset.offset(0.5));
        assertThat(LatencyStats.ofMicros().count()).isZero();
    }

    @Test
    void aRunSendsThePlannedRequestsAndReportsThroughputPercentilesAndATimeline() {
        List<LoadTestSnapshot> live = new CopyOnWriteArrayList<>();

        LoadTestReport report = tester.run("houses", new LoadTestPlan(4, 200, null, null), sleeping(5), live::add,
                CancelToken.none());

        assertThat(report.completed()).isEqualTo(200);
        assertThat(report.failed()).isZero();
        assertThat(report.cancelled()).isFalse();
        assertThat(report.latency().p50Ms()).isGreaterThanOrEqualTo(5);
        assertThat(report.throughput()).isBetween(200.0, 800.0);
        assertThat(live).isNotEmpty();
        assertThat(live.get(live.size() - 1).completed()).isEqualTo(200);
        assertThat(report.toCsv().lines().findFirst().orElseThrow()).startsWith("elapsed_s,throughput_rps,p50_ms");
        assertThat(report.toCsv()).contains("total ");
        assertThat(report.toJson()).contains("\"endpointName\" : \"houses\"").contains("\"p99Ms\"");
        assertThat(report.summary()).contains("200 requests").contains("p99");
    }

    @Test
    void warmUpCallsAreMadeFirstAndLeftOutOfTheFigures() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<InvocationResult> counted = () -> {
            calls.incrementAndGet();
            return sleeping(5).get();
        };

        LoadTestReport report = tester.run("warm", new LoadTestPlan(2, 50, null, null, Duration.ofMillis(300)), counted,
                s -> { }, CancelToken.none());

        assertThat(report.completed()).isEqualTo(50);
        assertThat(calls.get()).isGreaterThan(70);
    }

    @Test
    void failuresAreCountedByKind() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<InvocationResult> flaky = () -> {
            int n = calls.incrementAndGet();
            if (n % 3 == 0) {
                return new InvocationResult(500, "text/plain", new byte[0], null, null, Duration.ZERO, null,
                        new InvocationError("ModelError", "boom", "local:x"), null);
            }
            if (n % 5 == 0) {
                throw new IllegalStateException("connection reset");
            }
            return sleeping(0).get();
        };

        LoadTestReport report = tester.run("flaky", new LoadTestPlan(2, 30, null, null), flaky, s -> { },
                CancelToken.none());

        assertThat(report.completed()).isEqualTo(30);
        assertThat(report.errors()).containsEntry("ModelError 500", 10L).containsEntry("IllegalStateException", 4L);
        assertThat(report.failed()).isEqualTo(14);
    }

    @Test
    void latencyIsTheExchangeTheRuntimeTimedNotTheClientsWorkAroundIt() {
        // each call spends 30 ms of its own (signing, say) around a 5 ms exchange; a call that throws has no exchange
        AtomicInteger calls = new AtomicInteger();
        Supplier<InvocationResult> signingSlowly = () -> {
            InvocationResult result = sleeping(30).get();
            if (calls.incrementAndGet() > 20) {
                throw new IllegalStateException("connection reset");
            }
            return new InvocationResult(200, "application/json", result.body(), null, null, Duration.ofMillis(5),
                    null, null, "id");
        };

        LoadTestReport report = tester.run("signed", new LoadTestPlan(1, 25, null, null), signingSlowly, s -> { },
                CancelToken.none());

        assertThat(report.latency().p50Ms()).isCloseTo(5, Offset.offset(0.01));
        assertThat(report.serviceTime().p50Ms()).isCloseTo(5, Offset.offset(0.01));
        assertThat(report.latency().maxMs()).isGreaterThanOrEqualTo(30); // the failed calls, timed by the tester
        assertThat(report.failed()).isEqualTo(5);
    }

    @Test
    void withATargetRateLatencyCountsFromTheIntendedStartSoASlowEndpointIsNotHidden() {
        // 20 requests due every 20 ms, one worker, each taking 100 ms: they queue behind each other
        LoadTestReport report = tester.run("slow", new LoadTestPlan(1, 20, null, 50.0), sleeping(100), s -> { },
                CancelToken.none());

        assertThat(report.serviceTime().p50Ms()).isBetween(95.0, 200.0);
        assertThat(report.latency().p50Ms()).isGreaterThan(report.serviceTime().p50Ms() * 4);
        assertThat(report.latency().maxMs()).isGreaterThan(1500);
    }

    @Test
    void cancelStopsAtOnce() throws Exception {
        CancelToken cancel = new CancelToken();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        long started = System.nanoTime();

        LoadTestReport report = tester.run("long", new LoadTestPlan(8, null, Duration.ofMinutes(5), null), sleeping(20),
                s -> { }, cancel);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(report.cancelled()).isTrue();
        assertThat(report.completed()).isPositive();
    }

    @Test
    void aPlanWithoutAnEndOrWithBadNumbersIsRefusedNamingTheField() {
        assertThatThrownBy(() -> tester.run("x", new LoadTestPlan(0, null, null, -1.0), sleeping(0), s -> { },
                CancelToken.none()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Concurrency").hasMessageContaining("Requests").hasMessageContaining("Target rate");
    }
}
