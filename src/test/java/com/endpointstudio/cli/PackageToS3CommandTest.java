package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code package -o s3://BUCKET/KEY} against moto: packaged straight into S3, the URI and SHA-256 printed. */
@ExtendWith(MotoExtension.class)
class PackageToS3CommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private StringWriter out;
    private StringWriter err;
    private String[] aws;

    @BeforeEach
    void start(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        aws = new String[] {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url",
            moto.endpointUrl()};
        try (var session = services.sessions().open(moto.connection())) {
            session.s3().createBucket(r -> r.bucket("models"));
        }
        byte[] weights = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(weights);
        Files.write(dir.resolve("model.pth"), weights);
        Files.writeString(dir.resolve("inference.py"), "def model_fn(model_dir):\n    return None\n");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(aws))
                .toArray(String[]::new);
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), all);
    }

    private static String sha(String output) {
        Matcher matcher = Pattern.compile("(?m)^SHA-256 ([0-9a-f]{64})$").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    @Test
    void packagesStraightIntoS3AndPrintsTheUriAndTheArchivesSha256() throws Exception {
        String[] inputs = {"package", "--framework", "pytorch", "--model", dir.resolve("model.pth").toString(),
            "--code", dir.resolve("inference.py").toString()};
        assertThat(run(concat(inputs, "-o", dir.resolve("local.tar.gz").toString()))).isZero();
        String local = sha(out.toString());

        assertThat(run(concat(inputs, "-o", "s3://models/churn/"))).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Uploaded s3://models/churn/model.tar.gz (");
        assertThat(sha(out.toString())).isEqualTo(local);
        try (var session = services.sessions().open(new com.endpointstudio.core.connection.Connection("m", "m",
                com.endpointstudio.core.connection.ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, aws[5]))) {
            assertThat(session.s3().getObjectAsBytes(r -> r.bucket("models").key("churn/model.tar.gz")).asByteArray())
                    .isEqualTo(Files.readAllBytes(dir.resolve("local.tar.gz")));
        }

        assertThat(out.toString()).as("the inputs were not read first").doesNotContain("Inputs SHA-256");
        assertThat(run(concat(inputs, "-o", "s3://models/churn/model.tar.gz"))).isNotZero();
        assertThat(err.toString()).contains("s3://models/churn/model.tar.gz already holds an object that records no "
                + "inputs SHA-256").contains("never replaces");

        assertThat(run(concat(inputs, "-o", "s3://models/again/", "--hash-first"))).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Uploaded s3://models/again/model.tar.gz (").containsPattern(
                "(?m)^Inputs SHA-256 [0-9a-f]{64}$");
        assertThat(run(concat(inputs, "-o", "s3://models/again/model.tar.gz"))).isZero();
        assertThat(out.toString()).contains("s3://models/again/model.tar.gz already holds these inputs packaged")
                .contains("nothing was sent");
    }

    @Test
    void aBadDestinationIsNamedBeforeAnythingIsBuilt() {
        String[] inputs = {"package", "--framework", "pytorch", "--model", dir.resolve("model.pth").toString()};
        assertThat(run(concat(inputs, "-o", "s3://Not_A_Bucket/m.tar.gz"))).isEqualTo(2);
        assertThat(err.toString()).contains("-o").contains("Not_A_Bucket").contains("is not a bucket name");
        assertThat(run(concat(inputs, "-o", "s3://models"))).isEqualTo(2);
        assertThat(err.toString()).contains("needs a key");
        assertThat(run(concat(inputs, "--uncompressed", "-o", "s3://models/m/"))).isEqualTo(2);
        assertThat(err.toString()).contains("--uncompressed");
        Path local = dir.resolve("local.tar.gz");
        assertThat(run(concat(inputs, "-o", local.toString(), "--hash-first"))).isEqualTo(2);
        assertThat(err.toString()).contains("--hash-first").contains("applies to an upload (-o s3://…)");
        assertThat(local).as("nothing written").doesNotExist();
    }

    @Test
    void theSessionOpenedBesideTheChecksReportsItsErrorAndALayoutErrorSendsNothing(MotoServer moto) {
        String[] sklearn = {"package", "--framework", "sklearn", "--model", dir.resolve("model.pth").toString()};
        assertThat(run(concat(sklearn, "-o", "s3://models/broken/"))).isEqualTo(1);
        assertThat(out.toString()).contains("code/inference.py").contains("Not built");
        try (var session = services.sessions().open(moto.connection())) {
            assertThat(session.s3().listObjectsV2(r -> r.bucket("models")).contents()).as("nothing sent").isEmpty();
            assertThat(session.s3().listMultipartUploads(r -> r.bucket("models")).uploads()).isEmpty();
        }

        aws = new String[] {"--profile", "nobody-configured", "--endpoint-url", moto.endpointUrl()};
        String[] pytorch = {"package", "--framework", "pytorch", "--model", dir.resolve("model.pth").toString()};
        assertThat(run(concat(pytorch, "-o", "s3://models/m/"))).isNotZero();
        assertThat(err.toString()).contains("AWS profile 'nobody-configured' is not in your AWS configuration");
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
