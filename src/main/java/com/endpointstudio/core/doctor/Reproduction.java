package com.endpointstudio.core.doctor;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.DownloadedVersions;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * "Reproduce on this computer": the model of a spec — the one of a failing endpoint, or one about to
 * be deployed — served on the Local connection with the same image's container behaviour, model data
 * (downloaded from S3 when it is there) and environment, then called with the same payload. Local
 * hosting reproduces the containers' start-up and handler rules, so what fails after ten minutes on
 * SageMaker fails here in seconds, with its log and traceback read by {@link Forensics}.
 */
public final class Reproduction {

    /** Local endpoints made by a reproduction are named after the original with this suffix. */
    public static final String SUFFIX = "-local";

    private final Hosting local;
    private final DeploymentJournal journal;
    private final Path downloads;

    /**
     * @param local     the Local connection's hosting (with its runtime, to send the payload)
     * @param downloads where S3 model data is copied for Local to serve
     */
    public Reproduction(Hosting local, DeploymentJournal journal, Path downloads) {
        this.local = local;
        this.journal = journal;
        this.downloads = downloads;
    }

    /** A request to send once the endpoint is InService. */
    public record Payload(byte[] body, String contentType) {
    }

    /**
     * @param invocation what the payload got, or null when none was sent
     * @param diagnosis  why it failed (start-up or the call), or null when it did not
     */
    public record Result(String endpointName, String status, String failureReason, InvocationResult invocation,
                         Forensics.Diagnosis diagnosis) {

        public boolean failed() {
            return diagnosis != null;
        }
    }

    /** The Local endpoint's name for a reproduction of {@code name}: within the 63 characters of an endpoint name. */
    public static String localName(String name) {
        String base = name.length() + SUFFIX.length() > 63 ? name.substring(0, 63 - SUFFIX.length()) : name;
        return base.replaceAll("-+$", "") + SUFFIX;
    }

    /**
     * Serves the spec's first variant's model on Local (replacing an earlier reproduction of it) and
     * sends the payload.
     *
     * @param source where the spec's S3 model data is read from, or null when it is local
     */
    public Result run(DeploymentSpec spec, ModelDataStore source, Payload payload, Consumer<String> log,
                      ProgressListener progress, CancelToken cancel) {
        String name = localName(spec.endpoint().name());
        ContainerSpec container = container(spec);
        String modelData = localModelData(spec.endpoint().name(), container.modelData(), source, progress, cancel);
        DeploymentSpec localSpec = localSpec(name, container, modelData);
        replace(name, log);
        DeploymentRunner runner = new DeploymentRunner(local, journal, Duration.ofMillis(200), Duration.ofMinutes(10));
        log.accept("Serving " + spec.endpoint().name() + "'s model on this computer as " + name + "…");
        runner.run(runner.plan(localSpec, "local", true), event -> {
            if (event.kind() != DeploymentEvent.Kind.PROGRESS && event.message() != null) {
                log.accept(event.message());
            }
        }, cancel);
        EndpointDescription described = local.control().describeEndpoint(name)
                .orElseThrow(() -> new StudioException("The Local endpoint " + name + " was not created."));
        if (!"InService".equals(described.status())) {
            return new Result(name, described.status(), described.failureReason(), null,
                    Forensics.diagnose(described.failureReason(), local.logs().read(name, null).lines()));
        }
        if (payload == null) {
            return new Result(name, described.status(), null, null, null);
        }
        cancel.throwIfCancelled();
        InvocationResult answer = local.runtime().invoke(InvocationRequest.of(name, payload.contentType(), payload.body()));
        Forensics.Diagnosis diagnosis = answer.succeeded() ? null : Forensics.diagnose(
                new String(answer.body(), StandardCharsets.UTF_8), local.logs().read(name, null).lines());
        return new Result(name, described.status(), null, answer, diagnosis);
    }

    /** The container Local serves: the first variant's model's first container (Local runs one). */
    static ContainerSpec container(DeploymentSpec spec) {
        String modelName = spec.endpointConfig() == null || spec.endpointConfig().variants().isEmpty() ? null
                : spec.endpointConfig().variants().get(0).modelName();
        ModelSpec model = spec.models().stream().filter(m -> modelName == null || m.name().equals(modelName))
                .findFirst().orElseThrow(() -> new StudioException("The spec has no model to serve."));
        if (model.containers().isEmpty()) {
            throw new StudioException("Model " + model.name() + " has no container.");
        }
        return model.containers().get(0);
    }

    private String localModelData(String endpoint, ModelDataSpec data, ModelDataStore source, ProgressListener progress,
                                  CancelToken cancel) {
        if (data == null || data.location() == null) {
            throw new StudioException("The model has no model data to serve on this computer.");
        }
        if (!data.isS3()) {
            return data.location();
        }
        if (data.uncompressed() || data.location().endsWith("/")) {
            throw new StudioException("The model data is an S3 prefix (" + data.location() + "); reproducing it on this "
                    + "computer needs its files as a folder: download them (aws s3 sync) and deploy that folder on Local.");
        }
        if (source == null) {
            throw new StudioException(data.location() + " is in S3: reproduce it from the AWS connection it lives in.");
        }
        Path target = downloads.resolve(endpoint.toLowerCase(Locale.ROOT)).resolve("model.tar.gz");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new StudioException("Could not create " + target.getParent() + ": " + e.getMessage(), e);
        }
        // a reproduction run again keeps the archive while S3 holds that version
        new DownloadedVersions(downloads).download(source, data.location(), target, progress, cancel);
        return target.toString();
    }

    /** The same container (image, framework, environment) with local model data, one instance, under the new name. */
    static DeploymentSpec localSpec(String name, ContainerSpec container, String modelData) {
        ContainerSpec local = new ContainerSpec(container.image(), container.framework(),
                new ModelDataSpec(modelData, null, null, false), container.environment(), null, null);
        ModelSpec model = new ModelSpec(name + "-model", null, List.of(local), null, null, false);
        VariantSpec variant = new VariantSpec("AllTraffic", model.name(), "ml.m5.large", 1, 1.0);
        return new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(model),
                new EndpointConfigSpec(name + "-config", List.of(variant)),
                new EndpointSpec(name, Map.of("endpoint-studio:reproduces", name.substring(0, name.length()
                        - SUFFIX.length()))));
    }

    /** An earlier reproduction of the same endpoint goes first, with its config and model. */
    private void replace(String name, Consumer<String> log) {
        if (local.control().describeEndpoint(name).isPresent()) {
            log.accept("Replacing the earlier reproduction " + name + "…");
            local.control().deleteEndpoint(name);
        }
        local.control().deleteEndpointConfig(name + "-config");
        local.control().deleteModel(name + "-model");
    }
}
