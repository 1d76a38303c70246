package com.endpointstudio.core.deploy.run;

import com.endpointstudio.core.deploy.DeploymentSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal entry of one deployment run: the spec, each step with its state and result, and
 * the run's state and failure. Written before and after every step, so a run interrupted by a
 * crash can be resumed or cleaned up exactly. Everything in it is data (names, ARNs, error codes),
 * never text made for the screen.
 */
public record DeploymentRecord(String runId, String connectionId, Instant startedAt, DeploymentSpec spec,
                               List<Step> steps, State state, Failure failure) {

    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK }

    public enum StepKind {
        UPLOAD, CREATE_MODEL, CREATE_ENDPOINT_CONFIG, CREATE_ENDPOINT, WAIT, AUTOSCALING, CREATE_INFERENCE_COMPONENT,
        COMPONENT_AUTOSCALING
    }

    public enum StepState { PENDING, STARTED, DONE, FAILED }

    /**
     * @param target  the resource the step acts on (model name, config name, endpoint name, artifact)
     * @param result  what it produced: the staged model data URL, the created resource's ARN, or the
     *                endpoint status waited for
     * @param reused  whether the result was there already: an identical object not uploaded again, or
     *                a resource this run had created before it was interrupted
     * @param failure why it failed, or null
     */
    public record Step(StepKind kind, String target, StepState state, String result, boolean reused,
                       Failure failure) {

        public Step(StepKind kind, String target, StepState state, String result) {
            this(kind, target, state, result, false, null);
        }

        public String title() {
            return switch (kind) {
                case UPLOAD -> (target.startsWith("s3://") ? "Download " : "Upload ") + target;
                case CREATE_MODEL -> "CreateModel " + target;
                case CREATE_ENDPOINT_CONFIG -> "CreateEndpointConfig " + target;
                case CREATE_ENDPOINT -> "CreateEndpoint " + target;
                case WAIT -> "Wait for " + target + " to be InService";
                case AUTOSCALING -> "Autoscaling " + target;
                case CREATE_INFERENCE_COMPONENT -> "CreateInferenceComponent " + target;
                case COMPONENT_AUTOSCALING -> "Autoscaling the copies of " + target;
            };
        }

        Step started() {
            return new Step(kind, target, StepState.STARTED, result, reused, null);
        }

        Step done(String produced, boolean wasThere) {
            return new Step(kind, target, StepState.DONE, produced, wasThere, null);
        }

        Step failed(Failure why) {
            return new Step(kind, target, StepState.FAILED, result, reused, why);
        }

        /**
         * Whether this run may have created the step's resource: it did, or the call was made and
         * its answer lost (interrupted, or failed for another reason than the name being taken).
         */
        boolean mayHaveCreated() {
            return state == StepState.DONE || (state == StepState.STARTED || state == StepState.FAILED)
                    && (failure == null || !failure.resourceExisted());
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

    DeploymentRecord withState(State newState, Failure reason) {
        return new DeploymentRecord(runId, connectionId, startedAt, spec, steps, newState, reason);
    }

    /** True when the run stopped part-way and may have left resources behind. */
    public boolean isUnfinished() {
        return state == State.RUNNING || state == State.FAILED || state == State.CANCELLED;
    }
}
