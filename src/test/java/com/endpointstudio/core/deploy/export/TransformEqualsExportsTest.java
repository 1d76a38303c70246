package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ModelClientSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.core.transform.TransformValidator;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's batch transform, the exported boto3 script and the exported AWS CLI script send the same
 * requests: each case runs three times through a recording proxy in front of moto (reset in between) and
 * every CreateModel and CreateTransformJob is compared member by member, with the S3 keys written.
 */
@ExtendWith(MotoExtension.class)
class TransformEqualsExportsTest {

    private static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    private static final String ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMakerExecution";
    private static final Set<String> CREATING = Set.of("CreateModel", "CreateTransformJob");

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

    private ModelSpec model(Path artifact) {
        return new ModelSpec("churn-model", ROLE, List.of(new ContainerSpec(IMAGE, new FrameworkRef("sklearn", "1.2-1",
                "py3"), new ModelDataSpec(artifact.toString(), null, null, false),
                Map.of("SAGEMAKER_PROGRAM", "inference.py"), null, null)), null, null, false);
    }

    @Test
    void aJobWithEveryOptionItsModelAndALocalFileOfRecords() throws Exception {
        Path artifact = TestArchives.withBytes(work.resolve("model.tar.gz"), "model.joblib", new byte[4096]);
        Path input = Files.writeString(work.resolve("input.csv"), "id-1,0.5,2\nid-2,1.5,4\n");
        TransformJobSpec job = new TransformJobSpec("churn-scores", "churn-model",
                new InputSpec(input.toString(), "S3Prefix", "text/csv", null, "Line"), "MultiRecord", 10, 4,
                new OutputSpec("s3://results/churn/", "text/csv", "Line", "alias/results"),
                new DataProcessingSpec("$[1:]", "Input", "$[0,-1]"), new ResourcesSpec("ml.m5.xlarge", 2,
                "alias/volumes"), Map.of("MODEL_THRESHOLD", "0.5", "B", "2"), new ModelClientSpec(120, 2),
                Map.of("team", "ml", "cost center", "42"));
        same(job, model(artifact), false);
    }

    @Test
    void aJobOfAnExistingModelOverAFolderOfRecords() throws Exception {
        Path folder = Files.createDirectories(work.resolve("records/sub"));
        Files.writeString(folder.getParent().resolve("a.jsonl"), "{\"x\":1}\n");
        Files.writeString(folder.resolve("b.jsonl"), "{\"x\":2}\n");
        TransformJobSpec job = new TransformJobSpec("jsonl-scores", "existing-model",
                new InputSpec(folder.getParent().toString(), null, "application/jsonlines", null, "Line"), null, null,
                null, new OutputSpec("s3://results/jsonl/", null, null, null), null,
                new ResourcesSpec("ml.m5.large", 1, null), null, null, null);
        same(job, null, true);
    }

    private void same(TransformJobSpec job, ModelSpec model, boolean existingModel) throws Exception {
        TransformValidator.forWorkingFolder().inRegion(MotoServer.REGION).validate(job, model);
        Sent studio = studio(job, model, existingModel);
        TransformExport export = new TransformExport(job, model);
        Sent boto3 = script(export.fileName("py"), export.boto3(), AwsScripts.python(), existingModel);
        Sent cli = script(export.fileName("sh"), export.awsCli(), "bash", existingModel);
        assertThat(studio.calls()).extracting(Call::operation).endsWith("CreateTransformJob");
        assertThat(studio.objects()).isNotEmpty();
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

    private void reset(boolean existingModel) throws Exception {
        moto.reset();
        try (AwsSession session = session(moto.endpointUrl())) {
            session.s3().createBucket(r -> r.bucket("results"));
            if (existingModel) {
                AwsHosting.of(session).control().createModel(new ModelSpec("existing-model", ROLE, List.of(
                        new ContainerSpec(IMAGE, null, new ModelDataSpec("s3://results/model.tar.gz", null, null,
                                false), Map.of(), null, null)), null, null, false), Map.of());
            }
        }
        proxy.clear();
    }

    private AwsSession session(String url) {
        return MotoServer.awsEnvironment(work.resolve(".aws")).sessionFactory().open(new Connection("proxy", "Proxy",
                ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, url));
    }

    private Sent studio(TransformJobSpec job, ModelSpec model, boolean existingModel) throws Exception {
        reset(existingModel);
        try (AwsSession session = session(proxy.url())) {
            TransformRun run = new TransformRunner(AwsHosting.of(session), Duration.ofMillis(50)).run(job, model, false,
                    event -> { }, CancelToken.none());
            assertThat(run.failure()).isNull();
        }
        return sent("the studio");
    }

    private Sent script(String name, String text, String interpreter, boolean existingModel) throws Exception {
        reset(existingModel);
        Path script = work.resolve(name);
        Files.writeString(script, text, StandardCharsets.UTF_8);
        new AwsScripts(proxy.url(), work).run(work, interpreter, script.toString(), "--no-wait");
        return sent(interpreter);
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

    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble())
                : x.equals(y) ? 0 : 1, b);
    }
}
