package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.StudioException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An EndpointConfig and its Models as local model servers: one per container of each production
 * variant, each behaving as its own framework container, and the topology the runtime routes by.
 */
record LocalShape(List<LocalHost.ServerPlan> servers, LocalTopology topology) {

    static LocalShape of(EndpointConfigSpec config, Function<String, ModelSpec> models, LocalRuntimes runtimes) {
        List<LocalHost.ServerPlan> servers = new ArrayList<>();
        List<LocalTopology.Variant> variants = new ArrayList<>();
        for (VariantSpec variant : config.variants()) {
            if (variant.modelName() == null) { // a variant of inference components: they bring their models later
                variants.add(new LocalTopology.Variant(variant.variantName(), null, variant.instanceType(),
                        variant.initialInstanceCount(), variant.initialVariantWeight(), null, null, List.of()));
                continue;
            }
            ModelSpec model = models.apply(variant.modelName());
            List<String> keys = new ArrayList<>();
            boolean several = model.containers().size() > 1;
            for (int i = 0; i < model.containers().size(); i++) {
                ContainerSpec container = model.containers().get(i);
                String name = containerName(container, i, several);
                if (container.modelData() == null) {
                    throw new StudioException("The Model " + model.name() + " has no model data to serve"
                            + (several ? " in its container " + name : "") + "; on this computer the Python adapter "
                            + "serves the model folder, so each container needs one.");
                }
                ServingPersonality personality = ServingPersonality.of(container);
                String key = variant.variantName() + "/" + name;
                keys.add(key);
                servers.add(new LocalHost.ServerPlan(key, variant.variantName(), name,
                        container.modelData().location(), personality.generic() ? "custom" : personality.name(),
                        personality.version(), container.environment(), runtimes.choose(container),
                        "MultiModel".equals(container.mode()),
                        variant.serverless() == null ? null : variant.serverless().memorySizeMb(),
                        runtimes.folder(container)));
            }
            // CreateModel: InferenceExecutionConfig.Mode defaults to Serial when there are several containers
            String mode = !several ? null : model.inferenceExecutionMode() == null ? "Serial"
                    : model.inferenceExecutionMode();
            variants.add(new LocalTopology.Variant(variant.variantName(), variant.modelName(), variant.instanceType(),
                    variant.initialInstanceCount(), variant.initialVariantWeight(), variant.serverless(), mode, keys));
        }
        return new LocalShape(servers, new LocalTopology(variants, config.async(), config.dataCapture()));
    }

    /**
     * The model servers of an inference component's copies {@code from} (exclusive) to {@code to}: each
     * serves the component's Model with the component's share — its CPU cores as worker processes
     * (unless the Model's environment sets them), its maximum memory as a limit on the processes.
     */
    static List<LocalHost.ServerPlan> copies(com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec component,
                                             ModelSpec model, int from, int to, LocalRuntimes runtimes) {
        ContainerSpec container = model.containers().get(0);
        if (container.modelData() == null) {
            throw new StudioException("The Model " + model.name() + " has no model data to serve; on this computer the "
                    + "Python adapter serves the model folder, so the inference component's model needs one.");
        }
        ServingPersonality personality = ServingPersonality.of(container);
        java.util.Map<String, String> environment = new java.util.LinkedHashMap<>(container.environment());
        var compute = component.compute();
        if (compute != null && compute.cpuCores() != null) {
            environment.putIfAbsent("SAGEMAKER_MODEL_SERVER_WORKERS",
                    Integer.toString(Math.max(1, (int) Math.floor(compute.cpuCores()))));
        }
        List<LocalHost.ServerPlan> plans = new ArrayList<>();
        for (int copy = from + 1; copy <= to; copy++) {
            plans.add(new LocalHost.ServerPlan(LocalServer.componentKey(component.name(), copy), component.variantName(),
                    component.name(), container.modelData().location(),
                    personality.generic() ? "custom" : personality.name(), personality.version(), environment,
                    runtimes.choose(container), false, compute == null ? null : compute.maxMemoryMb(),
                    runtimes.folder(container)));
        }
        return plans;
    }

    /**
     * The name SageMaker's messages give a container: its ContainerHostname, else its place in the
     * Model (container_1, …), or "primary" for the only one.
     */
    static String containerName(ContainerSpec container, int index, boolean several) {
        if (container.hostname() != null && !container.hostname().isBlank()) {
            return container.hostname();
        }
        return several ? "container_" + (index + 1) : "primary";
    }
}
