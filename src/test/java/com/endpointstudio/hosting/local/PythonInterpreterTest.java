package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.testing.FakeCommands;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interpreter chosen in Settings, checked before anything runs on it. */
class PythonInterpreterTest {

    @TempDir
    Path dir;

    @Test
    void theInterpreterOnThePathIsFoundWithItsVersion() {
        PythonInterpreter python = PythonInterpreter.detect(null);
        assertThat(python.version()).matches("3\\.\\d+\\.\\d+");
    }

    /** One that hangs is given up on (after 10 s), and Settings is named as where to choose another. */
    @Test
    void aChosenInterpreterThatHangsIsRefusedRatherThanWaitedFor() throws Exception {
        Path hung = FakeCommands.hung(dir, "python");
        long start = System.nanoTime();
        assertThatThrownBy(() -> PythonInterpreter.detect(hung.toString())).isInstanceOf(StudioException.class)
                .hasMessageContaining("chosen in Settings can't be run");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
