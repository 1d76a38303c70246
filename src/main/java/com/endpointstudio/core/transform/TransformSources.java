package com.endpointstudio.core.transform;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.ValidationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Where a transform's Model comes from, and the name a job gets when none is given. */
public final class TransformSources {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** A job name's length limit (TransformJobName) less the time stamp and its hyphen. */
    private static final int MODEL_PART = 63 - 16;

    private TransformSources() {
    }

    /**
     * The Model of a spec a job scores with: the one named, else the Model behind the endpoint's first
     * variant, else the spec's only Model.
     */
    public static ModelSpec modelOf(DeploymentSpec spec, String name) {
        if (name != null && !name.isBlank()) {
            return spec.models().stream().filter(m -> name.equals(m.name())).findFirst().orElseThrow(() ->
                    new ValidationException("Model", "the spec has no Model named " + name + "; it has "
                            + spec.models().stream().map(ModelSpec::name).toList()));
        }
        Optional<String> served = spec.endpointConfig() == null || spec.endpointConfig().variants().isEmpty()
                ? Optional.empty() : Optional.ofNullable(spec.endpointConfig().variants().get(0).modelName());
        return served.flatMap(model -> spec.models().stream().filter(m -> model.equals(m.name())).findFirst())
                .or(() -> spec.models().size() == 1 ? Optional.of(spec.models().get(0)) : Optional.empty())
                .orElseThrow(() -> new ValidationException("Model", "the spec has " + spec.models().size()
                        + " Models; name the one to transform with"));
    }

    /**
     * The Model a packaged model.tar.gz (or model folder) becomes: its framework's container with the
     * environment the SDK sets for it.
     *
     * @param image the framework image for the region and instance type; null on Local hosting
     */
    public static ModelSpec archiveModel(String modelName, String archive, String framework, String version,
                                         String role, String image, String region) {
        return new ModelSpec(modelName, role == null || role.isBlank() ? null : role.strip(),
                java.util.List.of(new com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec(image,
                        new com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef(framework, version, null),
                        new com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec(archive, null, null, false),
                        com.endpointstudio.core.deploy.SpecDefaults.frameworkEnvironment(region), null, null)),
                null, null, false);
    }

    /** "churn-model-20261201-104500": the Model's name and the time, in UTC, as a valid TransformJobName. */
    public static String jobName(String modelName, Instant now) {
        String base = modelName == null || modelName.isBlank() ? "transform" : modelName;
        if (base.length() > MODEL_PART) {
            base = base.substring(0, MODEL_PART).replaceAll("-+$", "");
        }
        return base + "-" + STAMP.format(now);
    }
}
