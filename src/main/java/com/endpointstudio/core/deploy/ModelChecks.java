package com.endpointstudio.core.deploy;

import com.endpointstudio.core.byoc.ContainerFolder;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.error.Validation;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of a Model and its containers: CreateModel's members, then the rules between them. */
final class ModelChecks {

    static final String NAME_HINT = "1 to 63 letters, digits and hyphens, starting and ending with a letter or digit";

    /**
     * The shape of an image reference (registry host, repository path, then a tag or a digest), from the
     * reference grammar of the distribution project that ECR follows. The API's own pattern is {@code [\S]+};
     * a pasted "docker pull" line or a stray scheme passes it, and then no instance can pull the image.
     */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._/-]+[a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@sha256:[a-f0-9]{64})?");
    /**
     * "The maximum length of all keys and values in the map, combined, is 32 KB. If you pass multiple
     * containers to a CreateModel request, then the maximum length of all of their maps, combined, is
     * also 32 KB." (ContainerDefinition.Environment, SageMaker service model.)
     */
    static final int ENVIRONMENT_BYTES = 32 * 1024;

    private final FieldChecks fields;
    private final Validation v;
    private final ModelDataChecks modelData;
    /** False on Local hosting, which assumes no role and runs no image. */
    private final boolean aws;

    ModelChecks(FieldChecks fields, ModelDataChecks modelData, boolean aws) {
        this.fields = fields;
        this.v = fields.validation();
        this.modelData = modelData;
        this.aws = aws;
    }

    void check(ModelSpec model, String label) {
        fields.text("models[].name", model.name(), true, label + "Model name", NAME_HINT);
        String role = model.executionRoleArn();
        if (aws || role != null && !role.isBlank()) {
            fields.text("models[].executionRoleArn", role, true, label + "Execution role ARN",
                    "use the ARN of an IAM role, like arn:aws:iam::123456789012:role/SageMakerExecution");
        }
        List<ContainerSpec> containers = model.containers();
        int count = containers.size();
        v.require(count >= 1, label + "Containers", "a model needs at least one container");
        fields.count("models[].containers", count, label + "Containers", "containers");
        checkExecutionMode(model, label);
        fields.covered("models[].networkIsolation"); // a boolean: any value is valid
        Set<String> hostnames = new HashSet<>();
        int environmentBytes = 0;
        for (int i = 0; i < count; i++) {
            String containerLabel = label + (count > 1 ? "Container " + (i + 1) + ": " : "");
            ContainerSpec container = containers.get(i);
            checkContainer(container, containerLabel);
            v.require(container.hostname() == null || hostnames.add(container.hostname()),
                    containerLabel + "Container hostname", "'" + container.hostname() + "' is used twice");
            environmentBytes += environmentBytes(container.environment());
        }
        v.require(environmentBytes <= ENVIRONMENT_BYTES, label + "Environment", String.format(java.util.Locale.ROOT,
                "the variables' names and values add up to %,d bytes%s; the limit is %,d", environmentBytes,
                count > 1 ? " over all containers" : "", ENVIRONMENT_BYTES));
        if (model.vpc() != null) {
            checkVpc(model.vpc(), label);
        }
    }

    private void checkExecutionMode(ModelSpec model, String label) {
        List<ContainerSpec> containers = model.containers();
        String mode = model.inferenceExecutionMode();
        if (mode != null) {
            fields.text("models[].inferenceExecutionMode", mode, false, label + "Inference execution mode",
                    "use Serial (a pipeline) or Direct");
        } else {
            fields.covered("models[].inferenceExecutionMode");
        }
        if (containers.size() > 1) {
            v.require(mode != null, label + "Inference execution mode",
                    "a model with several containers needs Serial (a pipeline) or Direct");
        }
        long named = containers.stream().filter(c -> c.hostname() != null && !c.hostname().isEmpty()).count();
        if (containers.size() > 1 && "Direct".equals(mode)) {
            // Direct invocation picks a container by TargetContainerHostname (Developer Guide,
            // multi-container-direct.html): every container needs one.
            v.require(named == containers.size(), label + "Container hostname",
                    "each container of a multi-container (Direct) model needs a hostname, which invocations target");
        } else if (containers.size() > 1) {
            // ContainerDefinition.ContainerHostname: "If you specify a value for the ContainerHostName for any
            // ContainerDefinition that is part of an inference pipeline, you must specify a value for the
            // ContainerHostName parameter of every ContainerDefinition in that pipeline."
            v.require(named == 0 || named == containers.size(), label + "Container hostname",
                    named + " of " + containers.size() + " containers have a hostname; in a pipeline, give every "
                            + "container one or none");
        }
        // MultiModelConfig and ContainerDefinition.Mode: a multi-model container is a model's only container.
        v.require(containers.size() == 1 || containers.stream().noneMatch(c -> "MultiModel".equals(c.mode())),
                label + "Container mode", "MultiModel applies to a model's only container");
    }

    /**
     * A container folder as the image: Local hosting runs its serve program; SageMaker pulls images
     * only, so on AWS the folder's image is pushed first.
     */
    private void checkContainerFolder(String image, String label) {
        fields.covered("models[].containers[].image");
        if (aws) {
            v.require(false, label + "Container image", "'" + image + "' is a container folder, which only Local "
                    + "hosting runs; push its image first (endpoint-studio byoc push FOLDER --repository NAME "
                    + "--spec SPEC.json puts the pushed URI in the spec) and deploy that");
            return;
        }
        v.require(ContainerFolder.of(image, modelData.baseDir()).isPresent(), label + "Container image",
                ContainerFolder.whyNot(image, modelData.baseDir()));
    }

    private void checkContainer(ContainerSpec container, String label) {
        // how the image was chosen is never sent; the image it resolved to is checked below
        List.of("framework", "version", "pyVersion").forEach(f -> fields.covered("models[].containers[].framework." + f));
        String image = container.image();
        if (ContainerFolder.namesFolder(image, modelData.baseDir())) {
            checkContainerFolder(image, label);
        } else if (aws || image != null && !image.isBlank()) {
            boolean valid = fields.text("models[].containers[].image", image, true, label + "Container image",
                    "an image URI has no spaces");
            if (valid && image != null && !IMAGE_REFERENCE.matcher(image).matches()) {
                v.require(false, label + "Container image", "'" + image + "' is not an image reference: use one like "
                        + "123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag");
            }
        }
        if (container.hostname() != null) {
            fields.text("models[].containers[].hostname", container.hostname(), false, label + "Container hostname",
                    NAME_HINT);
        } else {
            fields.covered("models[].containers[].hostname");
        }
        if (container.mode() != null) {
            fields.text("models[].containers[].mode", container.mode(), false, label + "Container mode",
                    "use SingleModel or MultiModel");
        } else {
            fields.covered("models[].containers[].mode");
        }
        modelData.check(container, label);
        Map<String, String> env = container.environment();
        fields.count("models[].containers[].environment", env.size(), label + "Environment", "variables");
        env.keySet().stream().sorted().forEach(key -> {
            String field = label + "Environment " + (key.isEmpty() ? "(empty name)" : key);
            fields.text("models[].containers[].environment{key}", key, true, field,
                    "a name is letters, digits and _, not starting with a digit");
            fields.text("models[].containers[].environment{value}", env.get(key), false, field + " value", "");
        });
    }

    private void checkVpc(VpcSpec vpc, String label) {
        List<String> groups = vpc.securityGroupIds() == null ? List.of() : vpc.securityGroupIds();
        List<String> subnets = vpc.subnets() == null ? List.of() : vpc.subnets();
        fields.count("models[].vpc.securityGroupIds", groups.size(), label + "VPC security groups",
                "security group ids");
        fields.count("models[].vpc.subnets", subnets.size(), label + "VPC subnets", "subnet ids");
        groups.forEach(id -> fields.text("models[].vpc.securityGroupIds[]", id, true, label + "VPC security group",
                "use a security group id like sg-0123456789abcdef0"));
        subnets.forEach(id -> fields.text("models[].vpc.subnets[]", id, true, label + "VPC subnet",
                "use a subnet id like subnet-0123456789abcdef0"));
    }

    private static int environmentBytes(Map<String, String> env) {
        int total = 0;
        for (Map.Entry<String, String> entry : env.entrySet()) {
            total += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return total;
    }
}
