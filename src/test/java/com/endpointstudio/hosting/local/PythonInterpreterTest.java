package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.endpointstudio.core.error.StudioException;
import java.nio.file.Files;
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
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell stands in for a hung Python");
        Path hung = dir.resolve("python");
        Files.writeString(hung, "#!/bin/sh\nexec sleep 600\n");
        assertThat(hung.toFile().setExecutable(true)).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> PythonInterpreter.detect(hung.toString())).isInstanceOf(StudioException.class)
                .hasMessageContaining("chosen in Settings can't be run");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
