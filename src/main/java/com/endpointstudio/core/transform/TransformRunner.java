package com.endpointstudio.core.transform;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.EndpointLogs.LogBatch;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.ModelDataStore.StagedModelData;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformEvent.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Runs a batch transform on a host: the Model first (created from a spec or an archive unless a Model
 * of that name exists; its model data uploaded as a deployment uploads it), the input next (a local
 * file or folder uploaded under a key named by its content, {@value TransformInputChecks#UPLOAD_PREFIX}),
 * then CreateTransformJob; when asked to wait, DescribeTransformJob and the job's log until it ends. A
 * cancel before the job exists removes the Model this run created; a cancel while it runs stops the job
 * (StopTransformJob) and waits for Stopped.
 */
public final class TransformRunner {

    private final Hosting hosting;
    private final Duration pollInterval;

    public TransformRunner(Hosting hosting, Duration pollInterval) {
        this.hosting = hosting;
        this.pollInterval = pollInterval;
    }

    /**
     * @param modelToCreate the Model to create when none of its name exists, or null to score with an existing one
     * @param wait          follow the job until it ends
     */
    public TransformRun run(TransformJobSpec job, ModelSpec modelToCreate, boolean wait,
                            Consumer<TransformEvent> events, CancelToken cancel) {
        BatchTransforms transforms = hosting.transforms();
        if (transforms == null) {
            throw new StudioException("This connection runs no batch transform jobs.");
        }
        Instant began = Instant.now();
        Step step = new Step(events, began);
        boolean modelCreated = false;
        TransformJobSpec created = job;
        try {
            modelCreated = model(job, modelToCreate, step, cancel);
            created = input(job, step, cancel);
            cancel.throwIfCancelled();
            String title = "CreateTransformJob " + job.jobName();
            step.started(title);
            String arn = transforms.create(created, TransformTags.forJob(job));
            step.finished(title, arn);
        } catch (CancellationException e) {
            step.failed(step.current, "cancelled");
            removeModel(modelCreated, job, step);
            return new TransformRun(created, null, null, true);
        } catch (RuntimeException e) {
            step.failed(step.current, e.getMessage());
            removeModel(modelCreated, job, step);
            return new TransformRun(created, null, e.getMessage(), false);
        }
        if (!wait) {
            return new TransformRun(created, transforms.describe(job.jobName()).orElse(null), null, false);
        }
        return follow(transforms, created, step, cancel);
    }

    private boolean model(TransformJobSpec job, ModelSpec model, Step step, CancelToken cancel) {
        String title = "Model " + job.modelName();
        step.started(title);
        boolean exists = hosting.control().modelExists(job.modelName());
        if (model == null || exists) {
            if (!exists) {
                throw new StudioException("There is no Model named " + job.modelName() + ". Choose an existing Model, "
                        + "or start from a spec or a packaged model.");
            }
            step.finished(title, model == null ? "exists" : "exists: the job scores with it as it is");
            return false;
        }
        List<ContainerSpec> staged = new ArrayList<>();
        for (ContainerSpec container : model.containers()) {
            ModelDataSpec data = container.modelData();
            if (data == null || data.isRemote() && !hosting.modelData().fetches(data)) {
                staged.add(container);
                continue;
            }
            cancel.throwIfCancelled();
            StagedModelData url = hosting.modelData().stage(data, step.progress(title), cancel);
            staged.add(new ContainerSpec(container.image(), container.framework(), new ModelDataSpec(url.url(),
                    data.uploadBucket(), data.uploadPrefix(), url.uncompressed()), container.environment(),
                    container.hostname(), container.mode()));
        }
        cancel.throwIfCancelled();
        hosting.control().createModel(new ModelSpec(model.name(), model.executionRoleArn(), staged,
                model.inferenceExecutionMode(), model.vpc(), model.networkIsolation()), TransformTags.forJob(job));
        step.finished(title, "created");
        return true;
    }

    private TransformJobSpec input(TransformJobSpec job, Step step, CancelToken cancel) {
        if (job.input().isS3()) {
            return job;
        }
        String title = "Input";
        step.started(title);
        Path local = Path.of(job.input().location());
        StagedModelData staged = hosting.modelData().stage(new ModelDataSpec(job.input().location(), null,
                TransformInputChecks.UPLOAD_PREFIX, Files.isDirectory(local)), step.progress(title), cancel);
        step.finished(title, staged.url().startsWith("s3://") ? (staged.uploaded() ? "uploaded to " : "already at ")
                + staged.url() : "read from " + staged.url());
        return job.withInputLocation(staged.url());
    }

    private void removeModel(boolean created, TransformJobSpec job, Step step) {
        if (!created) {
            return;
        }
        try {
            hosting.control().deleteModel(job.modelName());
            step.event(Kind.STATUS, null, "The Model " + job.modelName() + " this run created was removed");
        } catch (RuntimeException e) {
            step.event(Kind.STATUS, null, "The Model " + job.modelName() + " this run created stays: " + e.getMessage());
        }
    }

    /** Describes the job and reads its log until it ends; a cancel stops it. */
    private TransformRun follow(BatchTransforms transforms, TransformJobSpec job, Step step, CancelToken cancel) {
        String name = job.jobName();
        String status = null;
        String token = null;
        boolean stopAsked = false;
        TransformJobDescription last = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (cancel.isCancelled() && !stopAsked) {
                    stopAsked = true;
                    transforms.stop(name);
                    step.event(Kind.STATUS, null, "StopTransformJob sent");
                }
                Optional<TransformJobDescription> described = transforms.describe(name);
                LogBatch log = transforms.logs(name, token);
                token = log.next();
                log.lines().forEach(line -> step.event(Kind.LOG, null, line));
                transforms.progress(name).ifPresent(p -> step.emit(new TransformEvent(Kind.PROGRESS, null,
                        p.records() + " records, " + p.filesDone() + " of " + p.files() + " files", step.since(),
                        p.bytesDone(), p.bytesTotal())));
                if (described.isEmpty()) {
                    return new TransformRun(job, last, "The job " + name + " is gone.", stopAsked);
                }
                last = described.get();
                if (!last.status().equals(status)) {
                    status = last.status();
                    step.event(Kind.STATUS, null, status + (last.failureReason() == null ? "" : ": "
                            + last.failureReason()));
                }
                if (last.finished()) {
                    LogBatch rest = transforms.logs(name, token);
                    rest.lines().forEach(line -> step.event(Kind.LOG, null, line));
                    return new TransformRun(job, last, last.completed() || last.status().equals(
                            TransformJobDescription.STOPPED) ? null : last.failureReason(),
                            last.status().equals(TransformJobDescription.STOPPED));
                }
                sleep(stopAsked ? Duration.ofMillis(Math.min(pollInterval.toMillis(), 1000)) : pollInterval, cancel,
                        stopAsked);
            }
        } catch (RuntimeException e) {
            return new TransformRun(job, last, e.getMessage(), stopAsked);
        }
        return new TransformRun(job, last, "Stopped following the job " + name + "; it runs on.", false);
    }

    private static void sleep(Duration interval, CancelToken cancel, boolean stopAsked) {
        long until = System.nanoTime() + interval.toNanos();
        while (System.nanoTime() < until) {
            if (cancel.isCancelled() && !stopAsked) {
                return;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                // the studio is closing: stop following; the job runs on where it runs
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Emits the events of the run's steps. */
    private static final class Step {
        private final Consumer<TransformEvent> events;
        private final Instant began;
        private String current;

        Step(Consumer<TransformEvent> events, Instant began) {
            this.events = events;
            this.began = began;
        }

        void started(String title) {
            current = title;
            event(Kind.STEP_STARTED, title, "started");
        }

        void finished(String title, String detail) {
            event(Kind.STEP_FINISHED, title, detail);
        }

        void failed(String title, String why) {
            event(Kind.STEP_FAILED, title, why);
        }

        void event(Kind kind, String title, String message) {
            emit(TransformEvent.of(kind, title, message, since()));
        }

        void emit(TransformEvent event) {
            events.accept(event);
        }

        Duration since() {
            return Duration.between(began, Instant.now());
        }

        com.endpointstudio.core.task.ProgressListener progress(String title) {
            return (done, total) -> emit(new TransformEvent(Kind.PROGRESS, title, "bytes", since(), done, total));
        }
    }
}
