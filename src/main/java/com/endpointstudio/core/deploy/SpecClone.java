package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUriResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec made into another deployment: under a new endpoint name (its config and models named after
 * it, as the studio names them), and optionally for another region, where framework images are
 * resolved again. What can't move by itself (model data, output paths and keys in the old region, an
 * image in the user's own registry) is said in the notes.
 */
public final class SpecClone {

    /** The new spec, and what the user still has to do for it to deploy. */
    public record Result(DeploymentSpec spec, List<String> notes) {
    }

    private SpecClone() {
    }

    /** @param region the region the clone deploys to, or null to stay in the spec's */
    public static Result of(DeploymentSpec spec, String name, String region, ImageCatalog catalog) {
        List<String> notes = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        List<ModelSpec> models = new ArrayList<>();
        for (int i = 0; i < spec.models().size(); i++) {
            ModelSpec model = spec.models().get(i);
            String newName = SpecDefaults.modelName(spec.models().size() == 1 ? name : name + "-" + (i + 1));
            renamed.put(model.name(), newName);
            List<ContainerSpec> containers = new ArrayList<>();
            for (ContainerSpec container : model.containers()) {
                containers.add(region == null ? container : moved(container, instanceType(spec, model), region,
                        catalog, notes));
            }
            models.add(new ModelSpec(newName, model.executionRoleArn(), containers, model.inferenceExecutionMode(),
                    model.vpc(), model.networkIsolation()));
            if (region != null && model.vpc() != null) {
                notes.add("Model " + newName + ": its VPC subnets and security groups belong to the old region; give "
                        + "ones of " + region + ".");
            }
        }
        EndpointConfigSpec config = spec.endpointConfig();
        List<VariantSpec> variants = config.variants().stream().map(v -> new VariantSpec(v.variantName(),
                renamed.getOrDefault(v.modelName(), v.modelName()), v.instanceType(), v.initialInstanceCount(),
                v.initialVariantWeight(), v.serverless(), v.autoScaling(), v.managedScaling(), v.routingStrategy()))
                .toList();
        if (region != null) {
            notes.addAll(regional(config, region));
        }
        Map<String, String> tags = new LinkedHashMap<>(spec.endpoint().tags());
        tags.put(StudioTags.DEPLOYMENT_KEY, StudioTags.newDeploymentId());
        List<DeploymentSpec.InferenceComponentSpec> components = spec.inferenceComponents().stream().map(c ->
                new DeploymentSpec.InferenceComponentSpec(c.name(), c.variantName(),
                        renamed.getOrDefault(c.modelName(), c.modelName()), c.compute(), c.copyCount(),
                        c.autoScaling())).toList();
        DeploymentSpec clone = new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, models, new EndpointConfigSpec(
                SpecDefaults.endpointConfigName(name), variants, config.async(), config.dataCapture(), config.kmsKeyId(),
                config.executionRoleArn()), new EndpointSpec(SpecDefaults.endpointName(name), tags), components);
        return new Result(clone, notes);
    }

    private static ContainerSpec moved(ContainerSpec container, String instanceType, String region,
                                       ImageCatalog catalog, List<String> notes) {
        String image = container.image();
        if (container.framework() != null) {
            var ref = container.framework();
            image = new ImageUriResolver(catalog).retrieve(new ImageRequest(ref.framework(), ref.version(),
                    ref.pyVersion(), region, instanceType, null)).uri();
        } else {
            var same = catalog.sameImageIn(image, region);
            if (same.isPresent()) {
                image = same.get();
            } else {
                notes.add("Image " + image + " is not one AWS publishes in every region: push it to " + region
                        + " (or replicate its ECR repository) and set its URI.");
            }
        }
        Map<String, String> environment = new LinkedHashMap<>(container.environment());
        environment.computeIfPresent("SAGEMAKER_REGION", (key, old) -> region);
        if (container.modelData() != null && container.modelData().isRemote()) {
            notes.add("Model data " + container.modelData().location() + " must be in a bucket of " + region
                    + " (SageMaker reads model data from the model's region): copy it there and set its URL.");
        }
        return new ContainerSpec(image, container.framework(), container.modelData(), environment, container.hostname(),
                container.mode());
    }

    /** The instance type a model runs on, which picks CPU, GPU or Inferentia images. */
    private static String instanceType(DeploymentSpec spec, ModelSpec model) {
        return spec.endpointConfig().variants().stream().filter(v -> model.name().equals(v.modelName()))
                .map(VariantSpec::instanceType).filter(type -> type != null).findFirst().orElse("ml.m5.large");
    }

    private static List<String> regional(EndpointConfigSpec config, String region) {
        List<String> notes = new ArrayList<>();
        if (config.async() != null) {
            notes.add("Asynchronous output " + config.async().s3OutputPath() + " (and its SNS topics, KMS key) must be "
                    + "in " + region + ".");
        }
        if (config.dataCapture() != null) {
            notes.add("Data capture destination " + config.dataCapture().destinationS3Uri() + " must be in " + region
                    + ".");
        }
        if (config.kmsKeyId() != null && config.kmsKeyId().startsWith("arn:")) {
            notes.add("Storage KMS key " + config.kmsKeyId() + " is a key of another region; give one of " + region
                    + ".");
        }
        return notes;
    }
}
