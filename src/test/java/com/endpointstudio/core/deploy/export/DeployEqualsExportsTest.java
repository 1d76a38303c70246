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
import com.endpointstudio.testing.InferenceComponentsApi;
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
            "RegisterScalableTarget", "PutScalingPolicy", "CreateInferenceComponent");
    private static final String BUCKET = HostingOptionSpecs.BUCKET;

    @TempDir
    static Path files;

    @TempDir
    Path work;

    private RecordingProxy proxy;
    private MotoServer moto;

    /** Inference components, which moto lacks, answered in front of it (and checked as the SDKs sent them). */
    private InferenceComponentsApi components;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        components = new InferenceComponentsApi();
        proxy = RecordingProxy.in(moto.endpointUrl()).answering(request -> components.answer(request))
                .rewriting(request -> components.forwarded(request));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    static Stream<Arguments> options() {
        return HostingOptionSpecs.all(files);
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
            assertThat(other.alarms()).as(other.who() + " alarms").isEqualTo(studio.alarms());
        }
    }

    private record Call(String operation, JsonNode body) {
    }

    /**
     * @param alarms the PutMetricAlarm calls, by the alarm's name and metric: CloudWatch speaks query to the
     *               Java SDK and JSON to botocore, whose bodies hold these strings as they are
     */
    private record Sent(String who, List<Call> calls, Set<String> objects, List<String> alarms) {
    }

    private void reset() throws Exception {
        moto.reset();
        components = new InferenceComponentsApi();
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
            assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
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
        List<String> alarms = new ArrayList<>();
        for (RecordingProxy.Recorded request : proxy.requests()) {
            String raw = new String(request.body(), StandardCharsets.ISO_8859_1);
            if ("PutMetricAlarm".equals(request.jsonOperation()) || request.path().contains("/operation/PutMetricAlarm")
                    || raw.contains("Action=PutMetricAlarm")) {
                String decoded = java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.ISO_8859_1);
                alarms.add(java.util.stream.Stream.of("-no-capacity", "NoCapacityInvocationFailures",
                        "InferenceComponentName", "GreaterThanOrEqualToThreshold", "scale-out-from-zero")
                        .filter(decoded::contains).toList().toString());
            }
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
        return new Sent(who, calls, objects, alarms);
    }

    /** Member by member; numbers compare by value (a weight sent as 0.75 or 0.75000). */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble())
                : x.equals(y) ? 0 : 1, b);
    }
}
