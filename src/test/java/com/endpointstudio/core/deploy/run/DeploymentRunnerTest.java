package com.endpointstudio.core.deploy.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.hosting.EndpointLogs;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.hosting.SageMakerControl;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait for InService against a scripted control plane: AWS endpoints spend minutes in
 * Creating, which the emulator skips, so the polling, log tailing and failure hints are tested
 * here with a stand-in for the port.
 */
class DeploymentRunnerTest {

    @TempDir
    Path dir;

    /** Answers DescribeEndpoint with the statuses given, one per call, then the last forever. */
    private static final class ScriptedControl implements SageMakerControl {
        private final Deque<String> statuses;
        private final String failureReason;
        final List<String> calls = new ArrayList<>();
        /** What CreateEndpointConfig throws, when it refuses. */
        RuntimeException configRefusal;

        ScriptedControl(String failureReason, String... statuses) {
            this.statuses = new ArrayDeque<>(List.of(statuses));
            this.failureReason = failureReason;
        }

        @Override
        public String createModel(ModelSpec model, Map<String, String> tags) {
            calls.add("CreateModel " + model.name());
            return "arn:model";
        }

        @Override
        public String createEndpointConfig(EndpointConfigSpec config, Map<String, String> tags) {
            calls.add("CreateEndpointConfig " + config.name());
            if (configRefusal != null) {
                throw configRefusal;
            }
            return "arn:config";
        }

        @Override
        public String createEndpoint(String endpointName, String endpointConfigName, Map<String, String> tags) {
            calls.add("CreateEndpoint " + endpointName);
            return "arn:endpoint";
        }

        @Override
        public Optional<EndpointDescription> describeEndpoint(String endpointName) {
            if (!calls.contains("CreateEndpoint " + endpointName)) {
                return Optional.empty();
            }
            String status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
            return Optional.of(new EndpointDescription(endpointName, "arn:endpoint", status,
                    status.equals("Failed") ? failureReason : null, "c", Instant.now()));
        }

        @Override
        public boolean modelExists(String modelName) {
            return false;
        }

        @Override
        public boolean endpointConfigExists(String endpointConfigName) {
            return false;
        }

        @Override
        public boolean deleteModel(String modelName) {
            calls.add("DeleteModel " + modelName);
            return true;
        }

        @Override
        public boolean deleteEndpointConfig(String endpointConfigName) {
            calls.add("DeleteEndpointConfig " + endpointConfigName);
            return true;
        }

        @Override
        public boolean deleteEndpoint(String endpointName) {
            calls.add("DeleteEndpoint " + endpointName);
            return true;
        }

        @Override
        public List<EndpointDescription> listEndpoints() {
            return List.of();
        }
    }

    private static final EndpointLogs LOGS = (endpoint, since) -> since == null
            ? new EndpointLogs.LogBatch(List.of("Loading model from /opt/ml/model"), "1")
            : new EndpointLogs.LogBatch(List.of(), since);

    private DeploymentSpec spec() {
        return SpecDefaults.realTime("churn").image("1.dkr.ecr.us-east-1.amazonaws.com/x:1")
                .modelData("s3://bucket/model.tar.gz").executionRole("arn:aws:iam::1:role/r")
                .instanceType("ml.m5.large").build();
    }

    private DeploymentRunner runner(ScriptedControl control) {
        return new DeploymentRunner(new Hosting(null, control, LOGS, null, null, null, null), new DeploymentJournal(dir),
                Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void waitsThroughCreatingUntilInServiceAndTailsTheLog() {
        ScriptedControl control = new ScriptedControl(null, "Creating", "Creating", "Creating", "InService");
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentRunner runner = runner(control);

        DeploymentRecord record = runner.run(runner.plan(spec(), "test", true), events::add, CancelToken.none());

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.SUCCEEDED);
        assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.STATUS).extracting(DeploymentEvent::message)
                .containsExactly("Creating", "InService");
        assertThat(events).anySatisfy(e -> assertThat(e.message()).isEqualTo("Loading model from /opt/ml/model"));
        assertThat(control.calls).containsExactly("CreateModel churn-model", "CreateEndpointConfig churn-config",
                "CreateEndpoint churn");
    }

    @Test
    void aFailedEndpointReportsItsReasonWithAHintAndRollsBackInReverse() {
        ScriptedControl control = new ScriptedControl("The primary container for production variant AllTraffic did "
                + "not pass the ping health check.", "Creating", "Failed");
        DeploymentRunner runner = runner(control);

        DeploymentRecord record = runner.run(runner.plan(spec(), "test", true), e -> { }, CancelToken.none());

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(record.failure().message()).contains("ping health check").contains("model_fn must load quickly");
        runner.rollback(record, e -> { });
        assertThat(control.calls).endsWith("DeleteEndpoint churn", "DeleteEndpointConfig churn-config",
                "DeleteModel churn-model");
    }

    @Test
    void cancellingWhileCreatingStopsTheWait() {
        ScriptedControl control = new ScriptedControl(null, "Creating");
        CancelToken cancel = new CancelToken();
        DeploymentRunner runner = runner(control);

        DeploymentRecord record = runner.run(runner.plan(spec(), "test", true), e -> {
            if (e.kind() == DeploymentEvent.Kind.STATUS) {
                cancel.cancel();
            }
        }, cancel);

        assertThat(record.state()).isEqualTo(DeploymentRecord.State.CANCELLED);
        assertThat(new DeploymentJournal(dir).unfinished()).hasSize(1);
    }

    @Test
    void theJournalKeepsEachStepsResultAndAFailuresCodeAndRequestIdAndRollBackSparesWhatItDidNotCreate() {
        ScriptedControl control = new ScriptedControl(null, "InService");
        control.configRefusal = new ResourceExistsException("Cannot create already existing endpoint configuration "
                + "\"churn-config\".", "ValidationException", "9d2e-req", null);
        DeploymentRunner runner = runner(control);

        DeploymentRecord record = runner.run(runner.plan(spec(), "test", true), e -> { }, CancelToken.none());

        DeploymentRecord journaled = new DeploymentJournal(dir).load(record.runId()).orElseThrow();
        assertThat(journaled.state()).isEqualTo(DeploymentRecord.State.FAILED);
        assertThat(journaled.failure().errorCode()).isEqualTo("ValidationException");
        assertThat(journaled.failure().requestId()).isEqualTo("9d2e-req");
        assertThat(journaled.steps()).extracting(DeploymentRecord.Step::state).containsExactly(
                DeploymentRecord.StepState.DONE, DeploymentRecord.StepState.FAILED, DeploymentRecord.StepState.PENDING,
                DeploymentRecord.StepState.PENDING);
        assertThat(journaled.steps().get(0).result()).isEqualTo("arn:model");
        assertThat(journaled.steps().get(1).failure().resourceExisted()).isTrue();

        runner.rollback(journaled, e -> { });
        // the config of that name was someone else's: only the model this run created goes
        assertThat(control.calls).endsWith("CreateEndpointConfig churn-config", "DeleteModel churn-model");
    }
}
