package com.endpointstudio.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shell scripts standing in for a command the studio runs (python, pip, docker): one that hangs, say. */
public final class FakeCommands {

    private FakeCommands() {
    }

    /** An executable {@code dir/name} running {@code body} in a POSIX shell (the test is skipped without one). */
    public static Path script(Path dir, String name, String body) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell stands in for " + name);
        Path script = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    /** A command that never answers (and is killed with the process the studio started). */
    public static Path hung(Path dir, String name) throws IOException {
        return script(dir, name, "exec sleep 600\n");
    }
}
