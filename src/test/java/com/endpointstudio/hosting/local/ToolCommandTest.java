package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.FakeCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCommandTest {

    @TempDir
    Path dir;

    @Test
    void aStreamedCommandsLinesArePassedOnAsTheyComeAndTheLastAreKeptForItsFailure() throws Exception {
        Path tool = FakeCommands.script(dir, "tool", "read name\nfor i in 1 2 3 4 5; do echo \"$name $i\"; done\n"
                + "echo oops >&2\nexit 3\n");
        List<String> log = new CopyOnWriteArrayList<>();

        ToolCommand.Result result = ToolCommand.streamed(new ProcessBuilder(tool.toString()), "pip\n", log::add, 3);

        assertThat(log).containsExactly("pip 1", "pip 2", "pip 3", "pip 4", "pip 5", "oops");
        assertThat(result.lines()).containsExactly("pip 4", "pip 5", "oops");
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void cancellingTheJobStopsAStreamedCommandThatWouldRunOn() throws Exception {
        Path tool = FakeCommands.script(dir, "tool", "echo started\nexec sleep 600\n");
        CancelToken job = new CancelToken();
        CountDownLatch started = new CountDownLatch(1);

        CompletableFuture<ToolCommand.Result> run = CompletableFuture.supplyAsync(() -> {
            try (CancelToken.Scope scope = job.enter()) {
                return ToolCommand.streamed(new ProcessBuilder(tool.toString()), null, line -> started.countDown(), 5);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long cancelled = System.nanoTime();
        job.cancel();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerLongerThanAPipeHoldsIsReadWhole() throws Exception {
        // 2 MiB of output: a command that writes to a full pipe nobody reads would never end
        String line = "0123456789".repeat(6) + "0123";
        Path tool = FakeCommands.script(dir, "tool", "i=0\nwhile [ $i -lt 32768 ]; do echo " + line
                + "; i=$((i+1)); done\necho last\n");

        ToolCommand.Result answer = ToolCommand.answer(List.of(tool.toString()), Duration.ofSeconds(60)).orElseThrow();

        assertThat(answer.succeeded()).isTrue();
        assertThat(answer.lines()).hasSize(32769).last().isEqualTo("last");
    }

    @Test
    void aCommandThatDoesNotAnswerIsGivenUpOnAfterItsTimeLimit() throws Exception {
        Path hung = FakeCommands.hung(dir, "python3");
        long start = System.nanoTime();

        assertThat(ToolCommand.answer(List.of(hung.toString()), Duration.ofMillis(500))).isEmpty();
        assertThat(ToolCommand.quietly(List.of(hung.toString()), Duration.ofMillis(500))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCleanUpCommandRunsToItsEndEvenWhenTheJobWasCancelled() throws Exception {
        Path marker = dir.resolve("removed");
        Path tool = FakeCommands.script(dir, "docker", "sleep 1\ntouch '" + marker + "'\n");
        CancelToken job = new CancelToken();
        job.cancel();

        try (CancelToken.Scope scope = job.enter()) {
            assertThat(ToolCommand.quietly(List.of(tool.toString()), Duration.ofSeconds(20))).isTrue();
        }
        assertThat(marker).exists();
    }
}
