package com.endpointstudio.hosting.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Docker runtime option says whether an engine answers, and if not, why, as the user's docker says it. */
@DisabledOnOs(OS.WINDOWS)
class DockerEngineTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDockerCommandIsSaidToBeNotInstalled() {
        DockerEngine.Status status = DockerEngine.probe(dir.resolve("docker").toString());

        assertFalse(status.available());
        assertEquals("Docker is not installed (no docker command on the PATH)", status.detail());
    }

    @Test
    void anAnsweringEngineIsAvailableWithItsVersion() throws IOException {
        DockerEngine.Status status = DockerEngine.probe(docker("echo 27.1.1"));

        assertTrue(status.available());
        assertEquals("Docker engine 27.1.1", status.detail());
    }

    @Test
    void aStoppedDaemonGivesDockersOwnLastLineAsTheReason() throws IOException {
        DockerEngine.Status status = DockerEngine.probe(docker("""
                echo ''
                echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' >&2
                exit 1"""));

        assertFalse(status.available());
        assertEquals("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.", status.detail());
    }

    private String docker(String body) throws IOException {
        Path script = dir.resolve("docker");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }
}
