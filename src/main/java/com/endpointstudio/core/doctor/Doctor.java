package com.endpointstudio.core.doctor;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy doctor before a deployment: reads each container's model data (streamed, never
 * extracted) and runs the {@link Preflight} checks for what the spec says it will run as — the
 * framework and version of its image, SAGEMAKER_PROGRAM, the variant's instance type or serverless
 * memory, multi-model or asynchronous.
 */
public final class Doctor {

    private final Preflight preflight;

    public Doctor(Preflight preflight) {
        this.preflight = preflight;
    }

    /** One container of a spec, as the doctor examines it. */
    public record Examined(String label, DoctorTarget target, String location) {
    }

    /** Every container of the spec, with its model data (or null when it has none). */
    public static List<Examined> targets(DeploymentSpec spec) {
        List<Examined> found = new ArrayList<>();
        for (ModelSpec model : spec.models()) {
            VariantSpec variant = spec.endpointConfig() == null ? null : spec.endpointConfig().variants().stream()
                    .filter(v -> model.name() == null || model.name().equals(v.modelName())).findFirst().orElse(null);
            int index = 0;
            for (ContainerSpec container : model.containers()) {
                index++;
                DoctorTarget target = target(container);
                if (variant != null && variant.serverless() != null) {
                    target = target.serverless(variant.serverless().memorySizeMb());
                } else if (variant != null && variant.instanceType() != null && !variant.instanceType().isBlank()) {
                    target = target.on(variant.instanceType());
                }
                target = target.async(spec.endpointConfig() != null && spec.endpointConfig().async() != null);
                String label = "Model " + model.name() + (model.containers().size() > 1 ? ", container " + index
                        + (container.hostname() == null ? "" : " (" + container.hostname() + ")") : "");
                found.add(new Examined(label, target, container.modelData() == null ? null
                        : container.modelData().location()));
            }
        }
        return found;
    }

    /** What a container runs as: the framework of its image reference (or of its image URI's repository). */
    public static DoctorTarget target(ContainerSpec container) {
        ImageFacts image = ImageFacts.of(container.image());
        String frameworkName = container.framework() != null && container.framework().framework() != null
                ? container.framework().framework() : image.framework();
        String version = container.framework() != null && container.framework().version() != null
                ? container.framework().version() : image.version();
        Framework framework;
        try {
            framework = frameworkName == null ? Framework.CUSTOM : Framework.fromCliName(
                    frameworkName.startsWith("huggingface") ? "huggingface" : frameworkName, "framework");
        } catch (ValidationException e) {
            framework = Framework.CUSTOM;
        }
        FrameworkVersion parsed = version == null || version.isBlank() || framework == Framework.CUSTOM ? null
                : FrameworkVersion.of(version);
        String program = container.environment().get(EntryPoint.VARIABLE);
        return new DoctorTarget(framework, parsed, program, container.image(), null, null,
                "MultiModel".equals(container.mode()), false, container.environment());
    }

    /** One report per container of the spec. */
    public List<DoctorReport> examine(DeploymentSpec spec, ModelDataStore store, Long payloadBytes,
                                      ProgressListener progress, CancelToken cancel) {
        List<DoctorReport> reports = new ArrayList<>();
        for (Examined examined : targets(spec)) {
            DoctorReport report = examine(examined.location(), examined.target(), store, payloadBytes, progress, cancel);
            reports.add(new DoctorReport(examined.label() + ": " + report.subject(), report.findings()));
        }
        return reports;
    }

    /** @param location a local archive or folder, an s3:// object or prefix, or null for a container without model data */
    public DoctorReport examine(String location, DoctorTarget target, ModelDataStore store, Long payloadBytes,
                                ProgressListener progress, CancelToken cancel) {
        if (location == null) {
            DoctorReport report = preflight.examine(target, List.of(), payloadBytes);
            return new DoctorReport("no model data, " + target.describe(), report.findings());
        }
        List<ModelContents> models = new ModelDataReader(store).read(location, target.multiModel(), progress, cancel);
        return preflight.examine(target, models, payloadBytes);
    }
}
