package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.FakeCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** requirements.txt installed for a Local endpoint: a cancel stops the install rather than waiting for pip. */
class RequirementsEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void aCancelStopsAnInstallUnderWayAndLeavesNoEnvironmentMarkedReady() throws Exception {
        Path slow = FakeCommands.script(dir, "python", "# -m venv --system-site-packages FOLDER\nmkdir -p \"$4\"\n"
                + "echo creating $4\nexec sleep 600\n");
        Path requirements = Files.writeString(Files.createDirectories(dir.resolve("model/code"))
                .resolve("requirements.txt"), "numpy==1.26.4\n");
        RequirementsEnvironment environments = new RequirementsEnvironment(dir.resolve("environments"));
        CancelToken cancel = CancelToken.none();
        CompletableFuture<PythonInterpreter> install = CompletableFuture.supplyAsync(() -> {
            try (CancelToken.Scope scope = cancel.enter()) {
                return environments.prepare(new PythonInterpreter(slow.toString(), "3.11.7"), dir.resolve("model"),
                        line -> { });
            }
        });
        Thread.sleep(500);
        cancel.cancel();

        try {
            install.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the install went on after the cancel");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CancellationException.class);
        }
        try (var made = Files.list(dir.resolve("environments"))) {
            assertThat(made.toList()).singleElement().satisfies(env ->
                    assertThat(env.resolve(".installed")).doesNotExist());
        }
    }
}
