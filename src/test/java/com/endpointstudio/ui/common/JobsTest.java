package com.endpointstudio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.TestJobs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The job mechanism without a toolkit: answers, failures, cancel, supersede, the status bar and polling. */
class JobsTest {

    @Test
    void aFailureReachesTheErrorReporterWithTheAwsErrorCodeAndRequestId() {
        TestJobs test = TestJobs.direct();
        List<String> answers = new CopyOnWriteArrayList<>();
        test.jobs().job("List endpoints", job -> "three").onSuccess(answers::add).start();
        Job<Object> failing = test.jobs().job("Describe churn", job -> {
            throw new StudioException("Describe churn was throttled by AWS even after retries.", "ThrottlingException",
                    "7f1c-req", null);
        }).start();

        assertThat(answers).containsExactly("three");
        assertThat(test.reported()).containsExactly(
                "Describe churn: Describe churn was throttled by AWS even after retries.");
        assertThat(failing.errorProperty().get()).isInstanceOf(StudioException.class);
        ErrorDetails shown = ErrorDetails.of(test.failures().get(0));
        assertThat(shown.codeLine()).isEqualTo("Error code ThrottlingException · request id 7f1c-req");
        assertThat(shown.details()).contains("Error code: ThrottlingException").contains("Request id: 7f1c-req");
        assertThat(test.status().busyProperty().get()).isFalse();
    }

    @Test
    void cancelEndsTheJobAtOnceAbortsWhatItCallsAndDropsItsAnswer() throws Exception {
        try (TestJobs test = TestJobs.threaded()) {
            CountDownLatch calling = new CountDownLatch(1);
            AtomicBoolean aborted = new AtomicBoolean();
            List<String> answers = new CopyOnWriteArrayList<>();
            Job<String> job = test.onFx(() -> test.jobs().job("Invoke slow", context -> {
                try (CancelToken.Registration abort = CancelToken.current().onCancel(() -> aborted.set(true))) {
                    calling.countDown();
                    Thread.sleep(30_000); // the call the cancel aborts
                }
                return "late";
            }).onSuccess(answers::add).start());
            assertThat(calling.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(test.onFx(() -> test.status().messageProperty().get())).isEqualTo("Invoke slow…");

            test.onFx(job::cancel);

            assertThat(test.onFx(() -> job.runningProperty().get())).isFalse();
            assertThat(aborted).isTrue();
            assertThat(test.onFx(() -> test.status().busyProperty().get())).isFalse();
            Thread.sleep(200);
            assertThat(answers).isEmpty();
            assertThat(test.reported()).isEmpty();
        }
    }

    @Test
    void aNewRunSupersedesTheOneBeforeWhoseLateAnswerIsDropped() throws Exception {
        try (TestJobs test = TestJobs.threaded()) {
            JobSlot describing = new JobSlot();
            CountDownLatch slowAnswer = new CountDownLatch(1);
            List<String> shown = new CopyOnWriteArrayList<>();
            test.onFx(() -> describing.start(test.jobs().job("Describe first", job -> {
                slowAnswer.await(); // ignores its cancel, as a call that can't be aborted would
                return "first";
            }).onSuccess(shown::add)));
            test.onFx(() -> describing.start(test.jobs().job("Describe second", job -> "second")
                    .onSuccess(shown::add)));
            assertThat(test.await(Duration.ofSeconds(5), () -> shown.contains("second"))).isTrue();

            slowAnswer.countDown();
            Thread.sleep(300);
            assertThat(shown).containsExactly("second");
            assertThat(test.onFx(describing::isRunning)).isFalse();
        }
    }

    @Test
    void theStatusBarShowsOnlyRunningJobsAndANoticeFadesAfterAFewSeconds() throws Exception {
        try (TestJobs test = TestJobs.threaded()) {
            CountDownLatch release = new CountDownLatch(1);
            StatusModel status = test.status();
            test.onFx(() -> test.jobs().job("Read the metrics of home", job -> {
                release.await();
                return null;
            }).start());
            assertThat(test.onFx(() -> status.messageProperty().get())).isEqualTo("Read the metrics of home…");
            assertThat(test.onFx(() -> status.busyProperty().get())).isTrue();

            release.countDown();
            assertThat(test.await(Duration.ofSeconds(5), () -> !status.busyProperty().get())).isTrue();
            assertThat(test.onFx(() -> status.messageProperty().get())).isEqualTo("Ready");

            test.onFx(() -> status.show("Saved churn.json"));
            assertThat(test.onFx(() -> status.messageProperty().get())).isEqualTo("Saved churn.json");
            test.onFx(() -> test.scheduler().advance(StatusModel.NOTICE_TIME));
            assertThat(test.onFx(() -> status.messageProperty().get())).isEqualTo("Ready");
        }
    }

    @Test
    void aPollerCallsOnlyWhileItsScreenIsShown() {
        TestJobs test = TestJobs.direct();
        List<String> ticks = new CopyOnWriteArrayList<>();
        Poller poller = new Poller(test.scheduler(), () -> ticks.add("tick"));
        poller.every(Duration.ofSeconds(30));

        test.scheduler().advance(Duration.ofMinutes(2));
        assertThat(ticks).isEmpty(); // not shown yet

        poller.active(true);
        test.scheduler().advance(Duration.ofSeconds(61));
        assertThat(ticks).hasSize(2);

        poller.active(false);
        test.scheduler().advance(Duration.ofMinutes(5));
        assertThat(ticks).hasSize(2);
        assertThat(test.scheduler().pending()).isZero();
    }
}
