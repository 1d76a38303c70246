package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.testing.FakeCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy doctor's reading of handler scripts with Python: what it finds, and a Python that never answers. */
class PythonScriptAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void readsTheHandlersFunctionsWithPythonsOwnParser() {
        PythonScriptAnalyzer analyzer = new PythonScriptAnalyzer(() -> PythonInterpreter.detect(null),
                dir.resolve("adapter"));
        var analysis = analyzer.analyze(Map.of("code/inference.py",
                "import numpy\n\ndef model_fn(model_dir):\n    return None\n"));
        var facts = analysis.scripts().get("code/inference.py");
        assertThat(facts.functions()).containsKey("model_fn");
        assertThat(facts.functions().get("model_fn").line()).isEqualTo(3);
        assertThat(facts.imports()).extracting(i -> i.module()).containsExactly("numpy");
    }

    /**
     * A Python that hangs, without reading what it is sent (more than a pipe holds), is stopped after the
     * timeout with an error saying so: a Deploy waits for the doctor, so a hang here would be a Deploy
     * that never starts.
     */
    @Test
    void aPythonThatNeverAnswersIsStoppedAfterTheTimeout() throws Exception {
        Path hung = FakeCommands.hung(dir, "hung-python");
        PythonScriptAnalyzer analyzer = new PythonScriptAnalyzer(() -> new PythonInterpreter(hung.toString(), "3.11.7"),
                dir.resolve("adapter"), Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> analyzer.analyze(Map.of("code/inference.py", "x = 1\n".repeat(200_000))))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("Python 3.11.7 took over 1 s to read the handler scripts");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
