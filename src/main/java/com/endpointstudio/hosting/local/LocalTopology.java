package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the local runtime routes an endpoint's invocations, taken from its EndpointConfig and Models
 * when it was created: the production variants with their weights and containers, and the options
 * of the whole endpoint (asynchronous inference, data capture).
 */
public record LocalTopology(List<Variant> variants, AsyncSpec async, DataCaptureSpec capture,
                            List<Component> components) {

    public LocalTopology {
        variants = variants == null ? List.of() : List.copyOf(variants);
        components = components == null ? List.of() : List.copyOf(components);
    }

    public LocalTopology(List<Variant> variants, AsyncSpec async, DataCaptureSpec capture) {
        this(variants, async, capture, List.of());
    }

    /**
     * An inference component on the endpoint: a Model on a variant, in copies that each are a model
     * server with the component's share of CPU cores (its workers) and memory (a limit on its processes).
     *
     * @param copies the keys of its copies' model servers (none when scaled to zero)
     */
    public record Component(String name, String variant, String modelName, List<String> copies,
                            java.time.Instant createdAt) {
        public Component {
            copies = copies == null ? List.of() : List.copyOf(copies);
        }
    }

    public java.util.Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The same topology with a component added, replaced (same name) or, given null, removed. */
    public LocalTopology withComponent(String name, Component component) {
        List<Component> changed = new ArrayList<>(components.stream().filter(c -> !c.name().equals(name)).toList());
        if (component != null) {
            changed.add(component);
        }
        return new LocalTopology(variants, async, capture, changed);
    }

    /**
     * @param weight        the variant's current weight (UpdateEndpointWeightsAndCapacities changes it)
     * @param instanceCount the desired instance count; one model server serves the variant on this computer
     * @param executionMode "Serial" or "Direct" for a model of several containers, else null
     * @param containers    the keys of its model servers, in the Model's container order
     */
    public record Variant(String name, String modelName, String instanceType, int instanceCount, double weight,
                          ServerlessSpec serverless, String executionMode, List<String> containers) {

        public Variant {
            containers = containers == null ? List.of() : List.copyOf(containers);
        }

        public boolean direct() {
            return "Direct".equals(executionMode);
        }

        Variant with(Double newWeight, Integer newCount) {
            return new Variant(name, modelName, instanceType, newCount == null ? instanceCount : newCount,
                    newWeight == null ? weight : newWeight, serverless, executionMode, containers);
        }
    }

    /** One variant of one container, as endpoints of earlier versions were recorded. */
    public static LocalTopology single(String serverKey) {
        return new LocalTopology(List.of(new Variant("AllTraffic", null, null, 1, 1.0, null, null,
                List.of(serverKey))), null, null);
    }

    public java.util.Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The same topology with new weights and instance counts for the variants named. */
    public LocalTopology withWeightsAndCounts(Map<String, Double> weights, Map<String, Integer> counts) {
        List<Variant> changed = new ArrayList<>();
        for (Variant v : variants) {
            changed.add(v.with(weights.get(v.name()), counts.get(v.name())));
        }
        return new LocalTopology(changed, async, capture, components);
    }
}
