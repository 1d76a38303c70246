package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import com.endpointstudio.testing.TestArchives;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The studio's deploy, the exported boto3 script and the exported AWS CLI script send the same
 * requests: each hosting option is deployed three times through a recording proxy in front of moto
 * (reset in between), and the bodies of every CreateModel, CreateEndpointConfig, CreateEndpoint,
 * RegisterScalableTarget and PutScalingPolicy are compared member by member, with the S3 keys the
 * model data went to.
 */
@ExtendWith(MotoExtension.class)
class DeployEqualsExportsTest {

    private static final Set<String> CREATING = Set.of("CreateModel", "CreateEndpointConfig", "CreateEndpoint",
            "RegisterScalableTarget", "PutScalingPolicy");
    private static final String BUCKET = "team-models";

    @TempDir
    static Path files;

    @TempDir
    Path work;

    private RecordingProxy proxy;
    private MotoServer moto;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        proxy = RecordingProxy.in(moto.endpointUrl());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private static ContainerSpec container(ModelDataSpec data, String hostname, String mode) {
        return new ContainerSpec(TestSpecs.IMAGE, TestSpecs.PYTORCH, data, TestSpecs.HARD_ENV, hostname, mode);
    }

    private static ModelDataSpec s3(String url) {
        return new ModelDataSpec(url, null, null, false);
    }

    private static ModelSpec model(String name, ContainerSpec... containers) {
        return new ModelSpec(name, TestSpecs.ROLE, List.of(containers), containers.length > 1 ? "Serial" : null, null,
                false);
    }

    private static VariantSpec instances(String name, String model, AutoScalingSpec scaling) {
        return new VariantSpec(name, model, "ml.m5.large", 2, 0.75, null, scaling);
    }

    private static DeploymentSpec spec(String name, List<ModelSpec> models, EndpointConfigSpec config) {
        return new DeploymentSpec(1, models, config, new EndpointSpec(name, TestSpecs.HARD_TAGS));
    }

    static Stream<Arguments> options() {
        Path archive = TestArchives.model(files.resolve("a/model.tar.gz"), "a");
        Path other = TestArchives.model(files.resolve("b/model.tar.gz"), "b");
        Path folder = files.resolve("folder");
        TestArchives.tarGz(files.resolve("unused.tar.gz"), Map.of());
        write(folder.resolve("model.pth"), "weights");
        write(folder.resolve("code/inference.py"), "def model_fn(d):\n    return d\n");
        Path loose = files.resolve("loose");
        write(loose.resolve("config.json"), "{}");
        write(loose.resolve("weights/w.bin"), "0123456789");
        return Stream.of(
                option("real-time, local archive, VPC, capture, KMS, autoscaling", name -> spec(name, List.of(
                        new ModelSpec(name + "-model", TestSpecs.ROLE, List.of(container(new ModelDataSpec(
                                archive.toString(), null, null, false), null, null)), null,
                                new VpcSpec(List.of("sg-0123456789abcdef0"), List.of("subnet-0123abcd")), true)),
                        new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic", name + "-model",
                                new AutoScalingSpec(1, 4, 70.5, 300, 60))), null, new DataCaptureSpec(25,
                                "s3://capture/" + name, true, true, List.of("application/json"), List.of("text/csv"),
                                "alias/capture"), "arn:aws:kms:us-east-1:123456789012:key/volumes"))),
                option("serverless", name -> spec(name, List.of(model(name + "-model", container(
                        s3("s3://models/" + name + "/model.tar.gz"), null, null))), new EndpointConfigSpec(name
                        + "-config", List.of(new VariantSpec("AllTraffic", name + "-model", null, 0, 1.0,
                        new ServerlessSpec(3072, 20, 5), null))))),
                option("asynchronous, packed folder in a named bucket, scale to zero", name -> spec(name, List.of(
                        model(name + "-model", container(new ModelDataSpec(folder.toString(), BUCKET, "team/models",
                                false), null, null))), new EndpointConfigSpec(name + "-config", List.of(instances(
                        "AllTraffic", name + "-model", new AutoScalingSpec(0, 2, 5, 600, 120))), new AsyncSpec(
                        "s3://results/" + name + "/out", "s3://results/" + name + "/failed",
                        "arn:aws:sns:us-east-1:123456789012:done", "arn:aws:sns:us-east-1:123456789012:failed", 4,
                        "alias/results"), null, null))),
                option("multi-model", name -> spec(name, List.of(model(name + "-model", container(
                        s3("s3://models/" + name + "/"), null, "MultiModel"))), new EndpointConfigSpec(name + "-config",
                        List.of(instances("AllTraffic", name + "-model", null))))),
                option("serial pipeline, uncompressed folder, https", name -> spec(name, List.of(model(name + "-model",
                        container(new ModelDataSpec(loose.toString(), null, null, true), "preprocess", null),
                        container(s3("https://models.s3.us-east-1.amazonaws.com/" + name + "/model.tar.gz"), "predict",
                                null))), new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic",
                        name + "-model", null))))),
                option("multi-container (Direct)", name -> spec(name, List.of(new ModelSpec(name + "-model",
                        TestSpecs.ROLE, List.of(container(s3("s3://models/" + name + "/a.tar.gz"), "alpha", null),
                        container(s3("s3://models/" + name + "/b.tar.gz"), "beta", null)), "Direct", null, false)),
                        new EndpointConfigSpec(name + "-config", List.of(instances("AllTraffic", name + "-model",
                                null))))),
                option("A/B variants from two archives of the same name", name -> spec(name, List.of(
                        model(name + "-a", container(new ModelDataSpec(archive.toString(), null, null, false), null,
                                null)),
                        model(name + "-b", container(new ModelDataSpec(other.toString(), null, null, false), null,
                                null))), new EndpointConfigSpec(name + "-config", List.of(instances("Blue",
                        name + "-a", null), new VariantSpec("Green", name + "-b", "ml.c5.xlarge", 1, 0.25))))));
    }

    private static Arguments option(String title, Function<String, DeploymentSpec> build) {
        return Arguments.of(title, build.apply("same"));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theStudioTheBoto3ScriptAndTheCliScriptSendTheSameRequests(String option, DeploymentSpec spec)
            throws Exception {
        SpecValidator.forWorkingFolder().inRegion(MotoServer.REGION).validate(spec);

        Sent studio = studio(spec);
        Sent boto3 = script(ExportFormat.BOTO3, spec, AwsScripts.python());
        Sent cli = script(ExportFormat.CLI, spec, "bash");

        assertThat(studio.calls()).extracting(Call::operation).startsWith("CreateModel").contains("CreateEndpoint");
        for (Sent other : List.of(boto3, cli)) {
            assertThat(other.calls()).extracting(Call::operation).as(other.who())
                    .containsExactlyElementsOf(studio.calls().stream().map(Call::operation).toList());
            for (int i = 0; i < studio.calls().size(); i++) {
                Call expected = studio.calls().get(i);
                Call actual = other.calls().get(i);
                assertThat(sameJson(actual.body(), expected.body())).as(other.who() + " " + actual.operation()
                        + "\n  studio: " + expected.body() + "\n  " + other.who() + ": " + actual.body()).isTrue();
            }
            assertThat(other.objects()).as(other.who() + " S3 keys").isEqualTo(studio.objects());
        }
    }

    private record Call(String operation, JsonNode body) {
    }

    private record Sent(String who, List<Call> calls, Set<String> objects) {
    }

    private void reset() throws Exception {
        moto.reset();
        try (AwsSession session = session(moto.endpointUrl())) {
            session.s3().createBucket(r -> r.bucket(BUCKET));
        }
        proxy.clear();
    }

    private AwsSession session(String url) {
        return MotoServer.awsEnvironment(work.resolve(".aws")).sessionFactory().open(new Connection("proxy", "Proxy",
                ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, url));
    }

    private Sent studio(DeploymentSpec spec) throws Exception {
        reset();
        try (AwsSession session = session(proxy.url())) {
            DeploymentRunner runner = new DeploymentRunner(AwsHosting.of(session), new DeploymentJournal(work.resolve("j")),
                    Duration.ofMillis(50), Duration.ofMinutes(1));
            DeploymentRecord record = runner.run(runner.plan(spec, "proxy", false), event -> { }, CancelToken.none());
            assertThat(record.state()).as(record.failure()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        }
        return sent("the studio");
    }

    private Sent script(ExportFormat format, DeploymentSpec spec, String interpreter) throws Exception {
        reset();
        Path script = work.resolve(format.exporter().fileName(spec));
        Files.writeString(script, format.exporter().export(spec), StandardCharsets.UTF_8);
        new AwsScripts(proxy.url(), work).run(work, interpreter, script.toString(), "--no-wait");
        return sent(format.title());
    }

    private Sent sent(String who) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Call> calls = new ArrayList<>();
        Set<String> objects = new TreeSet<>();
        for (RecordingProxy.Recorded request : proxy.requests()) {
            String operation = request.jsonOperation();
            if (operation != null && CREATING.contains(operation)) {
                calls.add(new Call(operation, json.readTree(new String(request.body(), StandardCharsets.UTF_8))));
            }
            String path = request.path();
            boolean put = request.method().equals("PUT") && !path.contains("partNumber=")
                    && request.headers().get("x-amz-copy-source") == null && path.indexOf('/', 1) > 0;
            boolean multipart = request.method().equals("POST") && path.endsWith("?uploads");
            if (put || multipart) {
                objects.add(java.net.URLDecoder.decode(path.replaceAll("\\?.*", ""), StandardCharsets.UTF_8));
            }
        }
        return new Sent(who, calls, objects);
    }

    /** Member by member; numbers compare by value (a weight sent as 0.75 or 0.75000). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble())
                : x.equals(y) ? 0 : 1, b);
    }
}
