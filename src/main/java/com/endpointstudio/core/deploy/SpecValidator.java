package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.rules.ApiRuleTable;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks every field of a {@link DeploymentSpec} before any call, and reports all problems at once,
 * each naming the field as the wizard shows it ("Model name", "Variant AllTraffic: Initial instance
 * count"). Each field is checked against the rule the SageMaker or Application Auto Scaling service
 * model declares for the request member it becomes ({@link ApiRuleTable}); the rules between fields
 * that the API documentation states come on top, each citing its source where it is written.
 */
public final class SpecValidator {

    private final Path baseDir;
    private final String region;
    /** False for Local hosting, where neither an IAM role nor an image is used. */
    private final boolean aws;
    private final Function<Path, LocalArtifact> artifacts;

    /** @param baseDir the folder relative local model data paths are resolved against */
    public SpecValidator(Path baseDir) {
        this(baseDir, null, true, LocalArtifact::read);
    }

    private SpecValidator(Path baseDir, String region, boolean aws, Function<Path, LocalArtifact> artifacts) {
        this.baseDir = baseDir;
        this.region = region;
        this.aws = aws;
        this.artifacts = artifacts;
    }

    /** A validator for paths relative to the working folder. */
    public static SpecValidator forWorkingFolder() {
        return new SpecValidator(Path.of(""));
    }

    /** The same checks for Local hosting, where no IAM role is assumed and no image runs: both may be left out. */
    public SpecValidator forLocalHosting() {
        return new SpecValidator(baseDir, region, false, artifacts);
    }

    /**
     * Learns what local model data is from {@code artifacts} instead of the disk: a form's cache, read
     * off its thread.
     */
    public SpecValidator withLocalArtifacts(Function<Path, LocalArtifact> artifacts) {
        return new SpecValidator(baseDir, region, aws, artifacts);
    }

    /** Knows the region, so the default bucket's name (and the length of uploaded URLs) is exact. */
    public SpecValidator inRegion(String region) {
        return new SpecValidator(baseDir, region == null || region.isBlank() ? null : region, aws, artifacts);
    }

    /** Throws one ValidationException listing every problem; returns quietly for a valid spec. */
    public void validate(DeploymentSpec spec) {
        Validation validation = new Validation();
        check(spec, new FieldChecks(ApiRuleTable.bundled(), validation));
        validation.throwIfInvalid();
    }

    public List<FieldError> errors(DeploymentSpec spec) {
        Validation validation = new Validation();
        check(spec, new FieldChecks(ApiRuleTable.bundled(), validation));
        return validation.errors();
    }

    /** The spec fields the checks of this spec went through: every field of a spec that holds each option. */
    Set<String> checkedFields(DeploymentSpec spec) {
        FieldChecks fields = new FieldChecks(ApiRuleTable.bundled(), new Validation());
        check(spec, fields);
        return fields.checkedFields();
    }

    /**
     * The checks of one Model on its own, with this validator's hosting, folder and region: what a batch
     * transform checks before it creates the Model it scores with.
     */
    public List<FieldError> modelErrors(ModelSpec model) {
        Validation validation = new Validation();
        FieldChecks fields = new FieldChecks(ApiRuleTable.bundled(), validation);
        new ModelChecks(fields, new ModelDataChecks(fields, baseDir, region, aws, artifacts), aws).check(model, "");
        if (!aws) {
            checkLocalShape(new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(model), null, null), validation);
        }
        return validation.errors();
    }

    /** The rules of a scalable target and its target-tracking policy, for a variant being deployed or already running. */
    public static List<FieldError> autoScalingErrors(DeploymentSpec.AutoScalingSpec scaling, String label,
                                                     boolean asynchronous) {
        Validation v = new Validation();
        EndpointConfigChecks.scalingErrors(new FieldChecks(ApiRuleTable.bundled(), v), scaling, label, asynchronous);
        return v.errors();
    }

    private void check(DeploymentSpec spec, FieldChecks fields) {
        Validation v = fields.validation();
        fields.covered("specVersion");
        fields.covered("models");
        v.require(!spec.models().isEmpty(), "Models", "a deployment needs at least one model");
        ModelChecks models = new ModelChecks(fields, new ModelDataChecks(fields, baseDir, region, aws, artifacts), aws);
        Map<String, ModelSpec> byName = new LinkedHashMap<>();
        boolean several = spec.models().size() > 1;
        for (int i = 0; i < spec.models().size(); i++) {
            ModelSpec model = spec.models().get(i);
            String label = several ? "Model " + nameOr(model.name(), String.valueOf(i + 1)) + ": " : "";
            models.check(model, label);
            v.require(model.name() == null || byName.putIfAbsent(model.name(), model) == null, label + "Model name",
                    "'" + model.name() + "' is used by more than one model");
        }
        if (spec.endpointConfig() == null) {
            v.require(false, "Endpoint config name", "is required");
        } else {
            new EndpointConfigChecks(fields, spec.usesInferenceComponents(), aws).check(spec.endpointConfig(), byName);
        }
        fields.covered("inferenceComponents");
        if (spec.usesInferenceComponents()) {
            new InferenceComponentChecks(fields, aws).check(spec, byName);
        } else if (spec.endpointConfig() != null) {
            fields.text("endpointConfig.executionRoleArn", spec.endpointConfig().executionRoleArn(), false,
                    "Endpoint execution role ARN", "use the ARN of an IAM role, like "
                            + "arn:aws:iam::123456789012:role/SageMakerExecution");
        }
        if (!aws) {
            checkLocalShape(spec, v);
        }
        if (spec.endpoint() == null) {
            v.require(false, "Endpoint name", "is required");
        } else {
            fields.text("endpoint.name", spec.endpoint().name(), true, "Endpoint name", ModelChecks.NAME_HINT);
            TagRules.check(spec, fields);
        }
    }

    /** What Local hosting can't serve from this computer. */
    private static void checkLocalShape(DeploymentSpec spec, Validation v) {
        boolean severalModels = spec.models().size() > 1;
        for (ModelSpec model : spec.models()) {
            for (int i = 0; i < model.containers().size(); i++) {
                String label = (severalModels ? "Model " + model.name() + ": " : "")
                        + (model.containers().size() > 1 ? "Container " + (i + 1) + ": " : "");
                v.require(model.containers().get(i).modelData() != null, label + "Model data", "Local hosting serves "
                        + "each container's model folder with the container's serving rules; give this one its model data");
            }
        }
        // s3:// model data is downloaded first (a multi-model prefix on each model's first call); a web address isn't
        spec.models().stream().flatMap(m -> m.containers().stream()).map(DeploymentSpec.ContainerSpec::modelData)
                .filter(data -> data != null && data.isRemote() && !data.isS3()).forEach(data -> v.require(false,
                        "Model data", "Local hosting downloads model data from S3 only; " + data.location()
                                + " is a web address: give its model.tar.gz, or its s3:// location"));
    }

    private static String nameOr(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
