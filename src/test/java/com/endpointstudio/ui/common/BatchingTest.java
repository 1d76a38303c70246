package com.endpointstudio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bursts of background updates reach the FX side in few hops, and nothing but the newest is kept. */
class BatchingTest {

    /** Stands for Platform.runLater: hops wait until the test runs them. */
    private final Queue<Runnable> hops = new ArrayDeque<>();
    private final Executor fx = hops::add;

    private void runHops() {
        Runnable hop;
        while ((hop = hops.poll()) != null) {
            hop.run();
        }
    }

    @Test
    void aThousandProgressUpdatesCostOneHopAndDeliverTheNewest() {
        List<Long> seen = new ArrayList<>();
        LatestValue<Long> progress = new LatestValue<>(fx, seen::add);

        IntStream.rangeClosed(1, 1000).forEach(i -> progress.publish((long) i));

        assertThat(hops).hasSize(1);
        runHops();
        assertThat(seen).containsExactly(1000L);
    }

    @Test
    void logLinesArriveInOrderInOneBatchAndTheListIsCapped() {
        BatchedList<String> log = new BatchedList<>(fx, 100);

        IntStream.range(0, 250).forEach(i -> log.add("line " + i));

        assertThat(hops).hasSize(1);
        runHops();
        assertThat(log.items()).hasSize(100).startsWith("line 150").endsWith("line 249");

        log.add("line 250");
        runHops();
        assertThat(log.items()).hasSize(100).startsWith("line 151").endsWith("line 250");
    }
}
