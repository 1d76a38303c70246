package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.FakeCommands;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker command as the container-folder publisher runs it (a script stands in for docker). */
class DockerCliTest {

    @TempDir
    Path dir;

    private Path docker(String body) throws Exception {
        return FakeCommands.script(dir, "docker", body);
    }

    @Test
    void itsLinesArePassedOnAndAFailureEndsWithItsLastLines() throws Exception {
        DockerCli cli = new DockerCli(docker("echo \"Step 1/3 : FROM python:3.11\"\necho \"no such image\"\nexit 1\n")
                .toString());
        List<String> lines = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> cli.build(dir, "studio/model:1", lines::add)).isInstanceOf(StudioException.class)
                .hasMessage("docker build failed: Step 1/3 : FROM python:3.11 / no such image");
        assertThat(lines).containsExactly("Step 1/3 : FROM python:3.11", "no such image");
    }

    /** A build or push can take many minutes: Cancel stops the docker client rather than waiting for it. */
    @Test
    void aCancelStopsABuildUnderWay() throws Exception {
        DockerCli cli = new DockerCli(docker("echo \"Step 1/9 : FROM python:3.11\"\nexec sleep 600\n").toString());
        CancelToken cancel = CancelToken.none();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
            try (CancelToken.Scope scope = cancel.enter()) {
                cli.build(dir, "studio/model:1", lines::add);
            }
        });
        while (lines.isEmpty()) {
            Thread.sleep(20);
        }
        cancel.cancel();

        assertThatThrownBy(() -> build.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);
    }
}
