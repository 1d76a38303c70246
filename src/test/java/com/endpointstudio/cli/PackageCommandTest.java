package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws IOException {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        Files.write(dir.resolve("model.pth"), new byte[4096]);
        Files.writeString(dir.resolve("inference.py"), "import torch\n\ndef model_fn(model_dir):\n    return None\n");
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private static String tarList(Path archive) throws Exception {
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).isZero();
        return listing;
    }

    @Test
    void buildsAPyTorchArchiveThatTarListsAndTheSameBytesTwice() throws Exception {
        int code = run("package", "--framework", "pytorch", "--framework-version", "2.1", "--model", path("model.pth"),
                "--code", path("inference.py"), "--requirements", path("requirements.txt"), "-o", path("a.tar.gz"));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("No findings").contains("Wrote ").containsPattern("SHA-256 [0-9a-f]{64}");
        assertThat(tarList(dir.resolve("a.tar.gz")).lines())
                .containsExactly("code/", "code/inference.py", "code/requirements.txt", "model.pth");

        run("package", "--framework", "pytorch", "--framework-version", "2.1", "--model", path("model.pth"),
                "--code", path("inference.py"), "--requirements", path("requirements.txt"), "-o", path("b.tar.gz"));
        assertThat(dir.resolve("a.tar.gz")).hasSameBinaryContentAs(dir.resolve("b.tar.gz"));
    }

    @Test
    void errorsInTheLayoutExitWithOneAndBuildNothing() {
        int code = run("package", "--framework", "sklearn", "--model", path("model.pth"), "-o", path("m.tar.gz"));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("error").contains("code/inference.py").contains("Not built");
        assertThat(dir.resolve("m.tar.gz")).doesNotExist();
    }

    @Test
    void badOptionsExitWithTwoNamingTheOption() {
        assertThat(run("package", "--framework", "caffe", "--model", path("model.pth"), "-o", path("m.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("--framework").contains("caffe");
        assertThat(run("package", "--framework", "pytorch", "--model", path("missing.pth"), "-o", path("m.tar.gz")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("missing.pth: does not exist");
        assertThat(run("package", "--framework", "pytorch", "--model", path("model.pth"), "--compression", "max",
                "-o", path("m.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("--compression");
    }

    @Test
    void uncompressedWritesTheLayoutAsAFolder() {
        int code = run("package", "--framework", "pytorch", "--model", path("model.pth"), "--code", path("inference.py"),
                "--uncompressed", "-o", path("model"));
        assertThat(code).as(out.toString() + err).isZero();
        assertThat(dir.resolve("model/model.pth")).exists();
        assertThat(dir.resolve("model/code/inference.py")).exists();
    }

    @Test
    void inspectListsAndChecksAnExistingArchive() {
        run("package", "--framework", "pytorch", "--model", path("model.pth"), "--code", path("inference.py"),
                "-o", path("model.tar.gz"));
        assertThat(run("package", "--inspect", path("model.tar.gz"), "--framework", "pytorch")).isZero();
        assertThat(out.toString()).contains("model.pth").contains("code/inference.py").contains("No findings");

        assertThat(run("package", "--inspect", path("model.tar.gz"), "--framework", "tensorflow")).isEqualTo(1);
        assertThat(out.toString()).contains("No SavedModel");

        assertThat(run("package", "--inspect", path("model.pth"), "--framework", "pytorch")).isEqualTo(1);
        assertThat(err.toString()).contains("not a gzip-compressed tar");
    }
}
