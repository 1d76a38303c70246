package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.doctor.ModelDataReader;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `endpoint-studio doctor` on a spec, on archives, and on model data in S3 (moto): an S3 archive is
 * read as a stream, its findings printed with their rule and fix, nothing copied to disk.
 */
@ExtendWith(MotoExtension.class)
class DoctorCommandTest {

    private static final String BROKEN = "def model_fn(model_dir):\n    return 1\n\ndef input_fn(body, content_type):\n"
            + "    return body\n\ndef transform_fn(model, body, content_type, accept):\n    return body\n";

    @TempDir
    Path dir;

    private MotoServer moto;
    private StudioServices services;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int doctor(String... args) {
        String[] all = Stream.concat(Stream.of("doctor"), Stream.concat(Stream.of(args), Stream.of("--profile",
                MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl())))
                .toArray(String[]::new);
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), all);
    }

    /** A model.tar.gz of incompressible weights (so the archive is as large as they are) and a script. */
    private Path archive(String name, int weightBytes, String script) throws IOException {
        Path file = dir.resolve(name);
        byte[] weights = new byte[weightBytes];
        new Random(7).nextBytes(weights);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var entry : Map.of("model.pth", weights, "code/inference.py", script.getBytes(StandardCharsets.UTF_8))
                    .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private void upload(Path file, String bucket, String key) {
        try (var session = services.sessions().open(moto.connection());
             S3Client s3 = session.client(S3Client.builder())) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        }
    }

    private long largestFileUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).max().orElse(0);
        }
    }

    @Test
    void anS3ArchiveIsReadAsAStreamWithProgressAndItsFindingsPrinted() throws Exception {
        Path archive = archive("churn.tar.gz", 24 * 1024 * 1024, BROKEN);
        upload(archive, "models", "churn/model.tar.gz");
        Files.delete(archive);

        int code = doctor("s3://models/churn/model.tar.gz", "--framework", "pytorch", "--framework-version", "2.1",
                "--instance-type", "ml.m5.large");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("Examined s3://models/churn/model.tar.gz for PyTorch 2.1 (entry point inference.py) on ml.m5.large")
                .contains("ERROR    layout    code/inference.py: Defines transform_fn as well as input_fn")
                .contains("rule: aws/sagemaker-inference-toolkit src/sagemaker_inference/transformer.py:219-223")
                .contains("1 error,");
        assertThat(err.toString()).contains("read 50 %").contains("read 100 %");
        assertThat(largestFileUnder(dir)).as("no copy of the 24 MiB archive on disk").isLessThan(1024 * 1024);
    }

    @Test
    void cancellingStopsTheStreamPartWay() throws Exception {
        Path archive = archive("big.tar.gz", 32 * 1024 * 1024, BROKEN);
        long size = Files.size(archive);
        upload(archive, "models", "big/model.tar.gz");
        CancelToken cancel = new CancelToken();
        AtomicLong lastRead = new AtomicLong();
        try (HostingProvider.Session session = services.hostingProvider().open(moto.connection())) {
            ModelDataReader reader = new ModelDataReader(session.hosting().modelData());
            assertThatThrownBy(() -> reader.read("s3://models/big/model.tar.gz", false, (done, total) -> {
                lastRead.set(done);
                if (done >= 4 * 1024 * 1024) {
                    cancel.cancel();
                }
            }, cancel)).isInstanceOf(CancellationException.class);
        }
        assertThat(lastRead.get()).isBetween(4L * 1024 * 1024, size / 2);
    }

    @Test
    void aMultiModelPrefixIsReadModelByModel() throws Exception {
        upload(archive("a.tar.gz", 1024, "def model_fn(model_dir):\n    return 1\n"), "models", "mme/a.tar.gz");
        upload(archive("b.tar.gz", 1024, BROKEN), "models", "mme/b.tar.gz");

        int code = doctor("s3://models/mme/", "--framework", "pytorch", "--framework-version", "2.1", "--multi-model",
                "--instance-type", "ml.m5.large");

        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("Examined 2 models for PyTorch 2.1 (entry point inference.py), multi-model")
                .contains("b.tar.gz: code/inference.py: Defines transform_fn")
                .doesNotContain("a.tar.gz: code/inference.py: Defines transform_fn");
    }

    @Test
    void withLocalAnS3ArchiveIsReadAsLocalHostingReadsIt() throws Exception {
        Path inFolder = services.localHost().buckets().path("s3://team-models/churn/model.tar.gz");
        Files.createDirectories(inFolder.getParent());
        Files.copy(archive("local.tar.gz", 1024, BROKEN), inFolder);
        String[] pytorch = {"--framework", "pytorch", "--framework-version", "2.1"};

        assertThat(doctor(Stream.concat(Stream.of("s3://team-models/churn/model.tar.gz"), Stream.of(pytorch))
                .toArray(String[]::new))).as("not in S3").isNotZero();
        out.getBuffer().setLength(0);
        int code = doctor(Stream.concat(Stream.of("s3://team-models/churn/model.tar.gz", "--local"), Stream.of(pytorch))
                .toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("Examined s3://team-models/churn/model.tar.gz")
                .contains("code/inference.py: Defines transform_fn as well as input_fn");

        // only in S3: downloaded through the AWS options given, as a Local deploy would
        upload(archive("sound.tar.gz", 1024, "import numpy\n\ndef model_fn(model_dir):\n    return 1\n"), "models",
                "sound/model.tar.gz");
        out.getBuffer().setLength(0);
        code = doctor(Stream.concat(Stream.of("s3://models/sound/model.tar.gz", "--local"), Stream.of(pytorch))
                .toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("0 errors");
    }

    @Test
    void aSpecIsExaminedAsItsContainersWillRun() throws Exception {
        Path archive = archive("sk.tar.gz", 1024, "import joblib\n\ndef model_fn(model_dir):\n    return 1\n");
        String image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
        DeploymentSpec spec = new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(new DeploymentSpec.ModelSpec(
                "churn-model", "arn:aws:iam::123456789012:role/R", List.of(new DeploymentSpec.ContainerSpec(image,
                new DeploymentSpec.FrameworkRef("sklearn", "1.2-1", "py3"), new DeploymentSpec.ModelDataSpec(
                archive.toString(), null, null, false), Map.of(), null, null)), null, null, false)),
                new DeploymentSpec.EndpointConfigSpec("churn-config", List.of(new DeploymentSpec.VariantSpec("AllTraffic",
                        "churn-model", "ml.g5.xlarge", 1, 1.0))), new DeploymentSpec.EndpointSpec("churn", Map.of()));
        Path file = dir.resolve("churn.json");
        SpecFiles.write(file, spec);

        int code = doctor(file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("Examined Model churn-model: sk.tar.gz for scikit-learn 1.2-1 (entry point inference.py) on "
                        + "ml.g5.xlarge")
                .contains("SAGEMAKER_PROGRAM: The scikit-learn container imports the script SAGEMAKER_PROGRAM names and "
                        + "the Model's environment does not set it")
                .contains("WARNING  instance  ml.g5.xlarge: sagemaker-scikit-learn:1.2-1-cpu-py3 is a CPU image");
    }

    @Test
    void aSoundArchiveExitsWithZero() throws Exception {
        Path archive = archive("sound.tar.gz", 1024, "import numpy\n\ndef model_fn(model_dir):\n    return 1\n");

        int code = doctor(archive.toString(), "--framework", "pytorch", "--framework-version", "2.1",
                "--instance-type", "ml.m5.large");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("0 errors, 0 warnings");
    }

    @Test
    void badInputNamesTheOptionAndExitsWithTwo() throws Exception {
        Path archive = archive("any.tar.gz", 16, "def model_fn(d):\n    return 1\n");

        assertThat(doctor(archive.toString())).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--framework: is required for model data");
        assertThat(doctor(archive.toString(), "--framework", "pytorch", "--instance-type", "ml.huge")).isEqualTo(2);
        assertThat(err.toString()).contains("--instance-type: 'ml.huge' is not an endpoint instance type");
        assertThat(doctor(archive.toString(), "--framework", "pytorch", "--serverless-memory", "1500")).isEqualTo(2);
        assertThat(err.toString()).contains("--serverless-memory: 1500 is not a serverless memory size");
    }
}
