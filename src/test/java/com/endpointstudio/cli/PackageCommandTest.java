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
        assertThat(out.toString()).contains("No errors or warnings").contains("Wrote ").containsPattern("SHA-256 [0-9a-f]{64}")
                .contains("info  code/inference.py: The PyTorch container imports code/inference.py (SAGEMAKER_PROGRAM="
                        + "inference.py in the Model's environment) and calls its model_fn")
                .doesNotContain("The Model's environment needs");
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
        assertThat(out.toString()).contains("as the PyTorch container reads it:")
                .contains("  code/   (on the container's Python path)")
                .contains("code/inference.py   (entry point (SAGEMAKER_PROGRAM=inference.py))")
                .contains("model.pth   (read by your model_fn)").contains("No errors or warnings");

        assertThat(run("package", "--inspect", path("model.tar.gz"), "--framework", "tensorflow")).isEqualTo(1);
        assertThat(out.toString()).contains("No SavedModel");

        assertThat(run("package", "--inspect", path("model.pth"), "--framework", "pytorch")).isEqualTo(1);
        assertThat(err.toString()).contains("not a gzip-compressed tar");
    }

    @Test
    void codeWithoutModelMakesACodeOnlyArchiveForAnyEntryPoint() throws Exception {
        Path predict = Files.writeString(dir.resolve("predict.py"), "def model_fn(model_dir):\n    return object()\n");
        int code = run("package", "--framework", "pytorch", "--code", predict.toString(), "--entry-point", "predict.py",
                "-o", path("code-only.tar.gz"));
        assertThat(code).as(out.toString() + err).isZero();
        assertThat(tarList(dir.resolve("code-only.tar.gz")).lines()).containsExactly("code/", "code/predict.py");
        assertThat(out.toString()).contains("Code only").contains("SAGEMAKER_PROGRAM=predict.py")
                .contains("The Model's environment needs SAGEMAKER_PROGRAM=predict.py ('spec new --entry-point predict.py' "
                        + "sets it).");

        assertThat(run("package", "--framework", "pytorch", "--code", predict.toString(), "-o", path("x.tar.gz")))
                .isEqualTo(1);
        assertThat(out.toString()).contains("error  code/predict.py: Defines model_fn, but the PyTorch container imports "
                + "the entry point code/inference.py").contains("      fix: --entry-point predict.py").contains("Not built");
        assertThat(run("package", "--framework", "pytorch", "-o", path("x.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("--model: is required unless --code is given");
    }

    @Test
    void aCodeFolderGoesToCode() throws Exception {
        Files.createDirectories(dir.resolve("src/lib"));
        Files.writeString(dir.resolve("src/serve.py"), "from lib import helpers\n\ndef model_fn(model_dir):\n    return 1\n");
        Files.writeString(dir.resolve("src/lib/helpers.py"), "X = 1\n");
        assertThat(run("package", "--framework", "sklearn", "--model", path("model.pth"), "--code", path("src"),
                "--entry-point", "serve.py", "-o", path("s.tar.gz"))).as(out.toString() + err).isZero();
        assertThat(tarList(dir.resolve("s.tar.gz")).lines())
                .containsExactly("code/", "code/lib/", "code/lib/helpers.py", "code/serve.py", "model.pth");
    }

    @Test
    void entryPointsAreCheckedAsTheContainersImportThem() {
        assertThat(run("package", "--framework", "pytorch", "--code", path("inference.py"), "--entry-point", "src/x.py",
                "-o", path("x.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("--entry-point").contains("is a path");
        assertThat(run("package", "--framework", "tensorflow", "--code", path("inference.py"), "--entry-point",
                "pre.py", "-o", path("x.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("--entry-point: the TensorFlow Serving container runs only code/inference.py");
    }

    @Test
    void aTensorFlowModelFolderKeepsItsNameAndInspectSaysHowItIsServed() throws Exception {
        Path version = Files.createDirectories(dir.resolve("half_plus_three/00000123/variables"));
        Files.write(version.getParent().resolve("saved_model.pb"), new byte[64]);
        Files.write(version.resolve("variables.index"), new byte[8]);
        assertThat(run("package", "--framework", "tensorflow", "--model", path("half_plus_three"), "-o", path("tf.tar.gz")))
                .as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("info  half_plus_three/: TensorFlow Serving will serve model `half_plus_three`, "
                + "versions 123");
        assertThat(tarList(dir.resolve("tf.tar.gz")).lines()).contains("half_plus_three/00000123/saved_model.pb",
                "half_plus_three/00000123/variables/variables.index");

        assertThat(run("package", "--inspect", path("tf.tar.gz"), "--framework", "tensorflow")).isZero();
        assertThat(out.toString()).contains("as the TensorFlow Serving container reads it:")
                .contains("  half_plus_three/   (served as model `half_plus_three`)")
                .contains("  half_plus_three/00000123/   (version 123)")
                .contains("half_plus_three/00000123/saved_model.pb   (SavedModel graph)")
                .contains("TensorFlow Serving will serve model `half_plus_three`, versions 123");
    }
}
