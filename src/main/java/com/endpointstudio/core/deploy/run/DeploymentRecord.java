package com.endpointstudio.core.deploy.run;

import com.endpointstudio.core.deploy.DeploymentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal entry of one deployment run: the spec, each step with its state, and the run's
 * state. Written before and after every step, so a run interrupted by a crash can be resumed or
 * cleaned up exactly.
 */
public record DeploymentRecord(String runId, String connectionId, Instant startedAt, DeploymentSpec spec,
                               List<Step> steps, State state, String failure) {

    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK }

    public enum StepKind {
        UPLOAD, CREATE_MODEL, CREATE_ENDPOINT_CONFIG, CREATE_ENDPOINT, WAIT, AUTOSCALING, CREATE_INFERENCE_COMPONENT,
        COMPONENT_AUTOSCALING
    }

    public enum StepState { PENDING, STARTED, DONE, FAILED }

    /**
     * @param target the resource the step acts on (model name, config name, endpoint name, artifact)
     * @param detail what it produced: the staged model data URL, or the created resource's ARN
     */
    public record Step(StepKind kind, String target, StepState state, String detail) {

        public String title() {
            return switch (kind) {
                case UPLOAD -> "Upload " + target;
                case CREATE_MODEL -> "CreateModel " + target;
                case CREATE_ENDPOINT_CONFIG -> "CreateEndpointConfig " + target;
                case CREATE_ENDPOINT -> "CreateEndpoint " + target;
                case WAIT -> "Wait for " + target + " to be InService";
                case AUTOSCALING -> "Autoscaling " + target;
                case CREATE_INFERENCE_COMPONENT -> "CreateInferenceComponent " + target;
                case COMPONENT_AUTOSCALING -> "Autoscaling the copies of " + target;
            };
        }

        Step with(StepState newState, String newDetail) {
            return new Step(kind, target, newState, newDetail == null ? detail : newDetail);
        }
    }

    public DeploymentRecord {
        steps = List.copyOf(steps);
    }

    DeploymentRecord withStep(int index, Step step) {
        List<Step> changed = new ArrayList<>(steps);
        changed.set(index, step);
        return new DeploymentRecord(runId, connectionId, startedAt, spec, changed, state, failure);
    }

    DeploymentRecord withState(State newState, String reason) {
        return new DeploymentRecord(runId, connectionId, startedAt, spec, steps, newState, reason);
    }

    /** True when the run stopped part-way and may have left resources behind. */
    public boolean isUnfinished() {
        return state == State.RUNNING || state == State.FAILED || state == State.CANCELLED;
    }
}
