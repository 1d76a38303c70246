package com.endpointstudio.core.deploy.run;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.run.DeploymentEvent.Kind;
import com.endpointstudio.core.deploy.run.DeploymentRecord.State;
import com.endpointstudio.core.deploy.run.DeploymentRecord.Step;
import com.endpointstudio.core.deploy.run.DeploymentRecord.StepKind;
import com.endpointstudio.core.deploy.run.DeploymentRecord.StepState;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointLogs;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Runs a {@link DeploymentSpec}: upload → CreateModel → CreateEndpointConfig → CreateEndpoint →
 * wait for InService, each step journaled before and after it runs. A failed or cancelled run
 * stops where it is; {@link #rollback} then deletes exactly what this run created.
 */
public final class DeploymentRunner {

    private final Hosting hosting;
    private final DeploymentJournal journal;
    private final Duration pollInterval;
    private final Duration waitTimeout;

    public DeploymentRunner(Hosting hosting, DeploymentJournal journal, Duration pollInterval, Duration waitTimeout) {
        this.hosting = hosting;
        this.journal = journal;
        this.pollInterval = pollInterval;
        this.waitTimeout = waitTimeout;
    }

    /**
     * Plans the steps of a spec and journals the new run (nothing is called yet). Autoscaling needs an
     * InService endpoint, so a spec with autoscaling waits for it even when {@code wait} is false, as the
     * exported scripts do; the journal keeps it as a step of its own until it is applied.
     */
    public DeploymentRecord plan(DeploymentSpec spec, String connectionId, boolean wait) {
        List<Step> steps = new ArrayList<>();
        for (ModelSpec model : spec.models()) {
            for (ContainerSpec container : model.containers()) {
                ModelDataSpec data = container.modelData();
                // a host may fetch remote model data first; a multi-model container loads its models on call
                boolean fetched = data != null && data.isRemote() && !"MultiModel".equals(container.mode())
                        && hosting.modelData() != null && hosting.modelData().fetches(data);
                if (data != null && (!data.isRemote() || fetched)) {
                    steps.add(new Step(StepKind.UPLOAD, data.location(), StepState.PENDING, null));
                }
            }
        }
        spec.models().forEach(m -> steps.add(new Step(StepKind.CREATE_MODEL, m.name(), StepState.PENDING, null)));
        steps.add(new Step(StepKind.CREATE_ENDPOINT_CONFIG, spec.endpointConfig().name(), StepState.PENDING, null));
        steps.add(new Step(StepKind.CREATE_ENDPOINT, spec.endpoint().name(), StepState.PENDING, null));
        boolean scales = spec.endpointConfig().variants().stream().anyMatch(v -> v.autoScaling() != null);
        // inference components are created on an InService endpoint (CreateInferenceComponent)
        if (wait || scales || spec.usesInferenceComponents()) {
            steps.add(new Step(StepKind.WAIT, spec.endpoint().name(), StepState.PENDING, null));
        }
        spec.inferenceComponents().forEach(c -> steps.add(new Step(StepKind.CREATE_INFERENCE_COMPONENT, c.name(),
                StepState.PENDING, null)));
        spec.endpointConfig().variants().stream().filter(v -> v.autoScaling() != null).forEach(v -> steps.add(
                new Step(StepKind.AUTOSCALING, v.variantName(), StepState.PENDING, null)));
        spec.inferenceComponents().stream().filter(c -> c.autoScaling() != null).forEach(c -> steps.add(
                new Step(StepKind.COMPONENT_AUTOSCALING, c.name(), StepState.PENDING, null)));
        DeploymentRecord record = new DeploymentRecord(UUID.randomUUID().toString(), connectionId, Instant.now(), spec,
                steps, State.RUNNING, null);
        journal.save(record);
        return record;
    }

    /**
     * Runs (or resumes) the steps not yet done. Returns the record in its final state: SUCCEEDED,
     * FAILED with the reason, or CANCELLED. Resources already created stay until {@link #rollback}.
     */
    public DeploymentRecord run(DeploymentRecord start, Consumer<DeploymentEvent> events, CancelToken cancel) {
        DeploymentRecord record = start.withState(State.RUNNING, null);
        journal.save(record);
        Instant began = Instant.now();
        boolean fresh = record.steps().stream().allMatch(s -> s.state() == StepState.PENDING);
        if (fresh) {
            try {
                preflight(record.spec());
            } catch (RuntimeException e) {
                Failure failure = Failure.of(e);
                record = record.withState(State.FAILED, failure);
                journal.save(record);
                events.accept(DeploymentEvent.of(Kind.STEP_FAILED, "Check names", failure.toString(), since(began)));
                return record;
            }
        }
        Map<String, String> staged = stagedUrls(record);
        for (int i = 0; i < record.steps().size(); i++) {
            Step step = record.steps().get(i);
            if (step.state() == StepState.DONE) {
                continue;
            }
            boolean resumed = step.state() == StepState.STARTED;
            record = record.withStep(i, step.started());
            journal.save(record);
            events.accept(DeploymentEvent.of(Kind.STEP_STARTED, step.title(), resumed ? "resumed" : "started",
                    since(began)));
            try {
                cancel.throwIfCancelled();
                Made made = execute(record, step, staged, resumed, events, cancel, began);
                record = record.withStep(i, step.done(made.result(), made.reused()));
                journal.save(record);
                events.accept(DeploymentEvent.of(Kind.STEP_FINISHED, step.title(), made.describe(step),
                        since(began)));
            } catch (CancellationException e) {
                Failure cancelled = new Failure("Cancelled during " + step.title(), null, null, false);
                record = record.withStep(i, step.failed(cancelled)).withState(State.CANCELLED, cancelled);
                journal.save(record);
                events.accept(DeploymentEvent.of(Kind.STEP_FAILED, step.title(), "cancelled", since(began)));
                return record;
            } catch (RuntimeException e) {
                Failure failure = Failure.of(e);
                record = record.withStep(i, step.failed(failure)).withState(State.FAILED, failure);
                journal.save(record);
                events.accept(DeploymentEvent.of(Kind.STEP_FAILED, step.title(), failure.toString(), since(began)));
                return record;
            }
        }
        record = record.withState(State.SUCCEEDED, null);
        journal.save(record);
        return record;
    }

    /** Refuses names already taken before anything is uploaded or created. */
    private void preflight(DeploymentSpec spec) {
        List<String> taken = new ArrayList<>();
        for (ModelSpec model : spec.models()) {
            if (hosting.control().modelExists(model.name())) {
                taken.add("Model " + model.name());
            }
        }
        if (hosting.control().endpointConfigExists(spec.endpointConfig().name())) {
            taken.add("EndpointConfig " + spec.endpointConfig().name());
        }
        if (hosting.control().describeEndpoint(spec.endpoint().name()).isPresent()) {
            taken.add("Endpoint " + spec.endpoint().name());
        }
        for (var component : spec.inferenceComponents()) {
            if (hosting.control().describeInferenceComponent(component.name()).isPresent()) {
                taken.add("Inference component " + component.name());
            }
        }
        if (!taken.isEmpty()) {
            throw new ResourceExistsException(String.join(", ", taken) + (taken.size() == 1 ? " already exists" : " already exist") + ". Choose another endpoint "
                    + "name, or delete the existing resources first; nothing was created.", "ValidationException",
                    null, null);
        }
    }

    /** What a step produced, and whether it was there already. */
    private record Made(String result, boolean reused) {

        static Made made(String result) {
            return new Made(result, false);
        }

        /** The timeline's line for it. */
        String describe(Step step) {
            if (step.kind() == StepKind.UPLOAD && reused) {
                // s3:// model data is a Download step (DeploymentRecord's title): Local hosting fetches it
                return result + (step.target().startsWith("s3://")
                        ? " (on this computer already, not downloaded again)" : " (already there, not uploaded again)");
            }
            if (reused) {
                return "already created before the interruption";
            }
            return result == null ? "done" : result;
        }
    }

    private Made execute(DeploymentRecord record, Step step, Map<String, String> staged, boolean resumed,
                         Consumer<DeploymentEvent> events, CancelToken cancel, Instant began) {
        DeploymentSpec spec = record.spec();
        Map<String, String> tags = StudioTags.forResources(spec);
        try {
            return switch (step.kind()) {
                case UPLOAD -> upload(spec, step, staged, events, cancel, began);
                case CREATE_MODEL -> Made.made(hosting.control().createModel(
                        withStagedData(model(spec, step.target()), staged), tags));
                case CREATE_ENDPOINT_CONFIG -> Made.made(hosting.control().createEndpointConfig(spec.endpointConfig(),
                        tags));
                case CREATE_ENDPOINT -> Made.made(hosting.control().createEndpoint(spec.endpoint().name(),
                        spec.endpointConfig().name(), tags));
                case WAIT -> Made.made(waitInService(step.target(), events, cancel, began));
                case AUTOSCALING -> Made.made(hosting.control().configureAutoScaling(spec.endpoint().name(),
                        spec.endpointConfig().variants().stream().filter(v -> v.variantName().equals(step.target()))
                                .findFirst().orElseThrow()));
                case CREATE_INFERENCE_COMPONENT -> Made.made(createComponent(spec, component(spec, step.target()), tags,
                        resumed, events, cancel, began));
                case COMPONENT_AUTOSCALING -> Made.made(hosting.control().configureCopyAutoScaling(step.target(),
                        component(spec, step.target()).autoScaling()));
            };
        } catch (ResourceExistsException e) {
            if (resumed) {
                return new Made(null, true); // this run created it before the studio stopped
            }
            throw e;
        }
    }

    private Made upload(DeploymentSpec spec, Step step, Map<String, String> staged, Consumer<DeploymentEvent> events,
                          CancelToken cancel, Instant began) {
        ModelDataSpec data = spec.models().stream().flatMap(m -> m.containers().stream())
                .map(ContainerSpec::modelData).filter(d -> d != null && step.target().equals(d.location()))
                .findFirst().orElseThrow();
        var result = hosting.modelData().stage(data, (done, total) -> events.accept(new DeploymentEvent(Kind.PROGRESS,
                step.title(), data.isRemote() ? "downloading" : "uploading", since(began), done, total)), cancel);
        staged.put(data.location(), result.url());
        return new Made(result.url(), !result.uploaded());
    }

    private String waitInService(String endpoint, Consumer<DeploymentEvent> events, CancelToken cancel, Instant began) {
        Instant deadline = Instant.now().plus(waitTimeout);
        String lastStatus = null;
        String logToken = null;
        while (true) {
            EndpointDescription description = hosting.control().describeEndpoint(endpoint)
                    .orElseThrow(() -> new StudioException("The endpoint " + endpoint + " disappeared while it was created."));
            if (!description.status().equals(lastStatus)) {
                lastStatus = description.status();
                events.accept(DeploymentEvent.of(Kind.STATUS, "Endpoint " + endpoint, lastStatus, since(began)));
            }
            logToken = tailLogs(endpoint, logToken, events, began);
            switch (description.status()) {
                case "InService":
                    return "InService";
                case "Failed":
                    throw new StudioException("The endpoint " + endpoint + " failed: " + description.failureReason()
                            + " " + FailureHints.hint(description.failureReason()));
                default:
                    break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StudioException("The endpoint " + endpoint + " is still " + lastStatus + " after "
                        + waitTimeout.toMinutes() + " minutes; it keeps being created, so check it later or roll back.");
            }
            sleep(cancel);
        }
    }

    /** CreateInferenceComponent, then DescribeInferenceComponent until it is InService (or Failed). */
    private String createComponent(DeploymentSpec spec, DeploymentSpec.InferenceComponentSpec component,
                                   Map<String, String> tags, boolean resumed, Consumer<DeploymentEvent> events,
                                   CancelToken cancel, Instant began) {
        if (!(resumed && hosting.control().describeInferenceComponent(component.name()).isPresent())) {
            hosting.control().createInferenceComponent(spec.endpoint().name(), component, tags);
        }
        Instant deadline = Instant.now().plus(waitTimeout);
        String lastStatus = null;
        while (true) {
            var description = hosting.control().describeInferenceComponent(component.name()).orElseThrow(() ->
                    new StudioException("The inference component " + component.name() + " disappeared while it was "
                            + "created."));
            if (!description.status().equals(lastStatus)) {
                lastStatus = description.status();
                events.accept(DeploymentEvent.of(Kind.STATUS, "Inference component " + component.name(), lastStatus,
                        since(began)));
            }
            switch (description.status()) {
                case "InService":
                    return "InService with " + (description.currentCopies() == null ? component.copyCount()
                            : description.currentCopies()) + " cop" + (component.copyCount() == 1 ? "y" : "ies");
                case "Failed":
                    throw new StudioException("The inference component " + component.name() + " failed: "
                            + description.failureReason());
                default:
                    break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StudioException("The inference component " + component.name() + " is still " + lastStatus
                        + " after " + waitTimeout.toMinutes() + " minutes; check it later or roll back.");
            }
            sleep(cancel);
        }
    }

    private static DeploymentSpec.InferenceComponentSpec component(DeploymentSpec spec, String name) {
        return spec.inferenceComponents().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private String tailLogs(String endpoint, String token, Consumer<DeploymentEvent> events, Instant began) {
        try {
            EndpointLogs.LogBatch batch = hosting.logs().read(endpoint, token);
            batch.lines().forEach(line -> events.accept(DeploymentEvent.of(Kind.LOG, "Endpoint " + endpoint, line,
                    since(began))));
            return batch.next();
        } catch (RuntimeException e) {
            return token; // logs are a help, never a reason to fail the deployment
        }
    }

    private void sleep(CancelToken cancel) {
        long until = System.nanoTime() + pollInterval.toNanos();
        while (System.nanoTime() < until) {
            cancel.throwIfCancelled();
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }

    /**
     * Deletes what this run created, newest first: the endpoint, its config, its models. Nothing
     * that existed before the run is touched.
     */
    public DeploymentRecord rollback(DeploymentRecord record, Consumer<DeploymentEvent> events) {
        Instant began = Instant.now();
        List<Step> steps = new ArrayList<>(record.steps());
        java.util.Collections.reverse(steps);
        List<String> problems = new ArrayList<>();
        for (Step step : steps) {
            if (!step.mayHaveCreated()) {
                continue;
            }
            try {
                boolean deleted = switch (step.kind()) {
                    case CREATE_ENDPOINT -> {
                        for (var variant : record.spec().endpointConfig().variants()) {
                            if (variant.autoScaling() != null) {
                                hosting.control().removeAutoScaling(step.target(), variant.variantName());
                            }
                        }
                        yield hosting.control().deleteEndpoint(step.target());
                    }
                    case CREATE_INFERENCE_COMPONENT -> {
                        if (component(record.spec(), step.target()).autoScaling() != null) {
                            hosting.control().removeCopyAutoScaling(step.target());
                        }
                        boolean gone = hosting.control().deleteInferenceComponent(step.target());
                        awaitGone(step.target());
                        yield gone;
                    }
                    case CREATE_ENDPOINT_CONFIG -> hosting.control().deleteEndpointConfig(step.target());
                    case CREATE_MODEL -> hosting.control().deleteModel(step.target());
                    default -> false;
                };
                if (deleted) {
                    events.accept(DeploymentEvent.of(Kind.ROLLBACK, step.title(), "deleted", since(began)));
                }
            } catch (RuntimeException e) {
                problems.add(step.target() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StudioException("Roll back could not delete everything: " + String.join("; ", problems));
        }
        DeploymentRecord rolledBack = record.withState(State.ROLLED_BACK, record.failure());
        journal.save(rolledBack);
        return rolledBack;
    }

    /** An endpoint is deleted once its inference components are gone: waits until the component's delete is done. */
    private void awaitGone(String component) {
        Instant deadline = Instant.now().plus(waitTimeout);
        while (hosting.control().describeInferenceComponent(component).isPresent() && Instant.now().isBefore(deadline)) {
            sleep(CancelToken.none());
        }
    }

    private static Map<String, String> stagedUrls(DeploymentRecord record) {
        Map<String, String> staged = new HashMap<>();
        for (Step step : record.steps()) {
            if (step.kind() == StepKind.UPLOAD && step.state() == StepState.DONE && step.result() != null) {
                staged.put(step.target(), step.result());
            }
        }
        return staged;
    }

    private static ModelSpec model(DeploymentSpec spec, String name) {
        return spec.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static ModelSpec withStagedData(ModelSpec model, Map<String, String> staged) {
        List<ContainerSpec> containers = model.containers().stream().map(c -> {
            ModelDataSpec data = c.modelData();
            if (data == null || data.isRemote() && !staged.containsKey(data.location())) {
                return c;
            }
            String url = staged.get(data.location());
            if (url == null) {
                throw new StudioException("The model data " + data.location() + " was not uploaded.");
            }
            return new ContainerSpec(c.image(), c.framework(), new ModelDataSpec(url, null, null, data.uncompressed()),
                    c.environment(), c.hostname(), c.mode());
        }).toList();
        return new ModelSpec(model.name(), model.executionRoleArn(), containers, model.inferenceExecutionMode(),
                model.vpc(), model.networkIsolation());
    }

    private static Duration since(Instant began) {
        return Duration.between(began, Instant.now());
    }
}
