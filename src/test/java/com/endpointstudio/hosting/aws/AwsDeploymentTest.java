package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.ExecutionRoles;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The whole deploy against moto server with the real SDK over HTTP. */
@ExtendWith(MotoExtension.class)
class AwsDeploymentTest {

    private static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    private static final String ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMakerExecution";

    @TempDir
    Path dir;

    private AwsSession session;
    private Hosting hosting;
    private DeploymentJournal journal;
    private DeploymentRunner runner;
    private SageMakerClient sagemaker;
    private Path artifact;
    private final List<DeploymentEvent> events = new ArrayList<>();

    @BeforeEach
    void open(MotoServer moto) throws Exception {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        hosting = AwsHosting.of(session);
        journal = new DeploymentJournal(dir.resolve("journal"));
        runner = new DeploymentRunner(hosting, journal, Duration.ofMillis(50), Duration.ofMinutes(1));
        sagemaker = session.client(SageMakerClient.builder());
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        artifact = TestArchives.withBytes(dir.resolve("model.tar.gz"), "weights.bin", bytes);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private DeploymentSpec spec(String name) {
        return SpecDefaults.realTime(name).image(IMAGE).framework(new FrameworkRef("sklearn", "1.2-1", "py3"))
                .modelData(artifact.toString()).executionRole(ROLE).instanceType("ml.m5.large").region("us-east-1")
                .tag("team", "ml platform").build();
    }

    private DeploymentRecord deploy(DeploymentSpec spec) {
        return runner.run(runner.plan(spec, "moto", true), events::add, CancelToken.none());
    }

    private List<String> models() {
        return sagemaker.listModels().models().stream().map(m -> m.modelName()).sorted().toList();
    }

    private List<String> configs() {
        return sagemaker.listEndpointConfigs().endpointConfigs().stream().map(c -> c.endpointConfigName()).sorted().toList();
    }

    private List<String> endpoints() {
        return sagemaker.listEndpoints().endpoints().stream().map(e -> e.endpointName()).sorted().toList();
    }

    @Test
    void deploysAPackagedModelAndTheResourcesShowTheRightFields() throws Exception {
        DeploymentRecord record = deploy(spec("churn"));

        assertThat(record.state()).as(String.valueOf(record.failure())).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(events).extracting(DeploymentEvent::step).contains("Upload " + artifact, "CreateModel churn-model",
                "CreateEndpointConfig churn-config", "CreateEndpoint churn");
        assertThat(events).anySatisfy(e -> assertThat(e.message()).isEqualTo("InService"));
        String bucket = "sagemaker-us-east-1-" + MotoServer.ACCOUNT;
        var model = sagemaker.describeModel(r -> r.modelName("churn-model"));
        assertThat(model.primaryContainer().image()).isEqualTo(IMAGE);
        String key = "endpoint-studio/" + TestArchives.sha256(artifact) + "/model.tar.gz";
        assertThat(model.primaryContainer().modelDataUrl()).isEqualTo("s3://" + bucket + "/" + key);
        assertThat(model.primaryContainer().environment()).containsEntry("SAGEMAKER_PROGRAM", "inference.py");
        assertThat(model.executionRoleArn()).isEqualTo(ROLE);
        var config = sagemaker.describeEndpointConfig(r -> r.endpointConfigName("churn-config"));
        assertThat(config.productionVariants().get(0).instanceTypeAsString()).isEqualTo("ml.m5.large");
        assertThat(config.productionVariants().get(0).initialInstanceCount()).isEqualTo(1);
        var endpoint = sagemaker.describeEndpoint(r -> r.endpointName("churn"));
        assertThat(endpoint.endpointConfigName()).isEqualTo("churn-config");
        Map<String, String> tags = sagemaker.listTags(r -> r.resourceArn(endpoint.endpointArn())).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertThat(tags).containsEntry("team", "ml platform").containsEntry(StudioTags.MANAGED_KEY, StudioTags.MANAGED_VALUE)
                .containsKey(StudioTags.DEPLOYMENT_KEY);
        assertThat(session.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray())
                .isEqualTo(Files.readAllBytes(artifact));
        assertThat(journal.load(record.runId())).hasValueSatisfying(r -> assertThat(r.state())
                .isEqualTo(DeploymentRecord.State.SUCCEEDED));

        events.clear();
        DeploymentRecord second = deploy(spec("churn-b"));
        assertThat(second.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("already there, not uploaded again"));
    }

    @Test
    void rollbackDeletesExactlyWhatTheRunCreated() {
        DeploymentRecord other = deploy(spec("keep-me"));
        DeploymentRecord record = deploy(spec("churn"));
        assertThat(endpoints()).containsExactly("churn", "keep-me");

        runner.rollback(record, events::add);

        assertThat(endpoints()).containsExactly("keep-me");
        assertThat(configs()).containsExactly("keep-me-config");
        assertThat(models()).containsExactly("keep-me-model");
        assertThat(journal.load(record.runId()).orElseThrow().state()).isEqualTo(DeploymentRecord.State.ROLLED_BACK);
        assertThat(other.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
    }

    @Test
    void aDuplicateNameFailsWithTheErrorAndItsRollbackLeavesTheExistingOnes() {
        deploy(spec("churn"));
        DeploymentRecord duplicate = deploy(spec("churn"));

        assertThat(duplicate.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(duplicate.failure().message()).contains("Model churn-model").contains("Endpoint churn").contains("already exist")
                .contains("nothing was created");
        runner.rollback(duplicate, events::add);
        assertThat(models()).containsExactly("churn-model");
        assertThat(endpoints()).containsExactly("churn");
    }

    @Test
    void anInterruptedRunIsResumedOrCleanedUpFromTheJournal() {
        CancelToken crash = new CancelToken();
        DeploymentRecord planned = runner.plan(spec("churn"), "moto", true);
        DeploymentRecord interrupted = runner.run(planned, event -> {
            if (event.kind() == DeploymentEvent.Kind.STEP_FINISHED && event.step().startsWith("CreateModel")) {
                crash.cancel();
            }
        }, crash);
        assertThat(interrupted.state()).isEqualTo(DeploymentRecord.State.CANCELLED);
        assertThat(journal.unfinished()).extracting(DeploymentRecord::runId).containsExactly(planned.runId());

        DeploymentRunner afterRestart = new DeploymentRunner(hosting, new DeploymentJournal(dir.resolve("journal")),
                Duration.ofMillis(50), Duration.ofMinutes(1));
        DeploymentRecord resumed = afterRestart.run(journal.load(planned.runId()).orElseThrow(), events::add,
                CancelToken.none());
        assertThat(resumed.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(endpoints()).containsExactly("churn");
        assertThat(journal.unfinished()).isEmpty();

        CancelToken second = new CancelToken();
        DeploymentRecord half = runner.run(runner.plan(spec("half"), "moto", true), event -> {
            if (event.kind() == DeploymentEvent.Kind.STEP_FINISHED && event.step().startsWith("CreateEndpointConfig")) {
                second.cancel();
            }
        }, second);
        afterRestart.rollback(journal.load(half.runId()).orElseThrow(), events::add);
        assertThat(models()).containsExactly("churn-model");
        assertThat(configs()).containsExactly("churn-config");
    }

    @Test
    void rolesSageMakerCanAssumeAreListed() {
        IamClient iam = session.client(IamClient.builder());
        iam.createRole(r -> r.roleName("SageMakerExecution").assumeRolePolicyDocument(trust("sagemaker.amazonaws.com")));
        iam.createRole(r -> r.roleName("Ec2Instance").assumeRolePolicyDocument(trust("ec2.amazonaws.com")));

        assertThat(hosting.roles().assumableBySageMaker()).extracting(ExecutionRoles.Role::name)
                .containsExactly("SageMakerExecution");
    }

    private static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
