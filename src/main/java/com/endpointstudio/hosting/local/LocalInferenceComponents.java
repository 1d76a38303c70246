package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Inference components on this computer: each is recorded (components/NAME.json) with the endpoint
 * that hosts it, and each of its copies is a model server of that endpoint, started, stopped and
 * counted as UpdateInferenceComponentRuntimeConfig asks; zero copies is a component scaled to zero.
 */
final class LocalInferenceComponents {

    /** What the studio remembers of a component: where it runs and its spec (the copies it should have). */
    record Record(String name, String endpointName, InferenceComponentSpec spec, Instant createdAt) {
    }

    private final LocalHost host;
    private final Path root;
    private final ObjectMapper json;
    private final Function<String, Optional<ModelSpec>> models;
    private final LocalRuntimes runtimes;

    LocalInferenceComponents(LocalHost host, Path root, ObjectMapper json, Function<String, Optional<ModelSpec>> models,
                             LocalRuntimes runtimes) {
        this.host = host;
        this.root = root;
        this.json = json;
        this.models = models;
        this.runtimes = runtimes;
    }

    String create(String endpointName, InferenceComponentSpec component) {
        if (Files.exists(file(component.name()))) {
            throw new ResourceExistsException("Cannot create already existing inference component \""
                    + component.name() + "\".", "ValidationException", null, null);
        }
        LocalEndpointStatus endpoint = host.describe(endpointName).orElseThrow(() -> new StudioException(
                "Could not find endpoint \"" + endpointName + "\"."));
        if (!"InService".equals(endpoint.status())) {
            throw new StudioException("The endpoint " + endpointName + " is " + endpoint.status() + "; inference "
                    + "components are created on an InService endpoint.");
        }
        LocalTopology.Variant variant = endpoint.record().topology().variant(component.variantName())
                .orElseThrow(() -> new StudioException("The endpoint " + endpointName + " has no variant "
                        + component.variantName() + "."));
        if (variant.modelName() != null) {
            throw new StudioException("The variant " + variant.name() + " of " + endpointName + " serves the Model "
                    + variant.modelName() + "; inference components go on an endpoint whose variants name no model.");
        }
        ModelSpec model = model(component);
        save(new Record(component.name(), endpointName, component, Instant.now()));
        copies(endpointName, component, model, component.copyCount());
        return "local:inference-component/" + component.name();
    }

    Optional<ComponentDescription> describe(String name) {
        return read(name).map(this::description);
    }

    private ComponentDescription description(Record record) {
        Optional<LocalTopology.Component> component = host.endpoint(record.endpointName())
                .flatMap(endpoint -> endpoint.topology().component(record.name()));
        List<String> copies = component.map(LocalTopology.Component::copies).orElse(List.of());
        String status = "InService";
        String reason = null;
        int inService = 0;
        for (String key : copies) {
            String[] state = host.serverStatus(record.endpointName(), key);
            if ("Failed".equals(state[0])) {
                status = "Failed";
                reason = state[1];
            } else if ("InService".equals(state[0])) {
                inService++;
            } else if (!"Failed".equals(status)) {
                status = "Creating";
            }
        }
        return new ComponentDescription(record.name(), record.endpointName(), record.spec().variantName(),
                record.spec().modelName(), status, reason, inService, record.spec().copyCount());
    }

    List<ComponentDescription> list(String endpointName) {
        return all().stream().filter(r -> r.endpointName().equals(endpointName)).map(this::description).toList();
    }

    void updateCopies(String name, int copies) {
        Record record = read(name).orElseThrow(() -> new StudioException("Could not find inference component \""
                + name + "\"."));
        InferenceComponentSpec spec = record.spec();
        InferenceComponentSpec changed = new InferenceComponentSpec(spec.name(), spec.variantName(), spec.modelName(),
                spec.compute(), copies, spec.autoScaling());
        save(new Record(record.name(), record.endpointName(), changed, record.createdAt()));
        copies(record.endpointName(), changed, model(changed), copies);
    }

    boolean delete(String name) {
        Optional<Record> record = read(name);
        if (record.isEmpty()) {
            return false;
        }
        host.endpoint(record.get().endpointName()).ifPresent(endpoint -> endpoint.topology().component(name)
                .ifPresent(component -> host.removeServers(endpoint.name(), component.copies(),
                        endpoint.topology().withComponent(name, null))));
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new StudioException("Could not delete the inference component " + name + ": " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * Starts the copies of an endpoint's components again after UpdateEndpoint made its servers
     * anew: a component stays on its variant when the new config still has it, hosting no model;
     * one whose variant is gone is deleted with it.
     */
    void reattach(String endpointName) {
        LocalEndpointRecord endpoint = host.endpoint(endpointName).orElseThrow();
        for (Record record : all()) {
            if (!record.endpointName().equals(endpointName)) {
                continue;
            }
            boolean hosted = endpoint.topology().variant(record.spec().variantName())
                    .filter(v -> v.modelName() == null).isPresent();
            if (hosted) {
                copies(endpointName, record.spec(), model(record.spec()), record.spec().copyCount());
            } else {
                delete(record.name());
            }
        }
    }

    /** Forgets the components of a deleted endpoint (their copies went with its folder). */
    void forgetEndpoint(String endpointName) {
        for (Record record : all()) {
            if (record.endpointName().equals(endpointName)) {
                try {
                    Files.deleteIfExists(file(record.name()));
                } catch (IOException e) {
                    throw new StudioException("Could not delete " + file(record.name()) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Starts or stops copies until the component has {@code target} of them. */
    private void copies(String endpointName, InferenceComponentSpec spec, ModelSpec model, int target) {
        LocalEndpointRecord endpoint = host.endpoint(endpointName).orElseThrow();
        LocalTopology topology = endpoint.topology();
        LocalTopology.Component component = topology.component(spec.name()).orElse(new LocalTopology.Component(
                spec.name(), spec.variantName(), spec.modelName(), List.of(), Instant.now()));
        List<String> keys = new ArrayList<>(component.copies());
        try {
            if (target > keys.size()) {
                int highest = keys.stream().mapToInt(k -> Integer.parseInt(k.substring(k.lastIndexOf('/') + 1))).max()
                        .orElse(0);
                List<LocalHost.ServerPlan> plans = LocalShape.copies(spec, model, highest, highest + target - keys.size(),
                        runtimes);
                plans.forEach(plan -> keys.add(plan.key()));
                host.addServers(endpointName, plans, topology.withComponent(spec.name(), with(component, keys)),
                        line -> { });
            } else if (target < keys.size()) {
                List<String> removed = new ArrayList<>(keys.subList(target, keys.size()));
                keys.removeAll(removed);
                host.removeServers(endpointName, removed, topology.withComponent(spec.name(), with(component, keys)));
            } else if (topology.component(spec.name()).isEmpty()) {
                host.updateTopology(endpointName, topology.withComponent(spec.name(), component));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while the copies started");
        }
    }

    private static LocalTopology.Component with(LocalTopology.Component component, List<String> copies) {
        return new LocalTopology.Component(component.name(), component.variant(), component.modelName(), copies,
                component.createdAt());
    }

    private ModelSpec model(InferenceComponentSpec component) {
        return models.apply(component.modelName()).orElseThrow(() -> new StudioException("There is no local Model "
                + component.modelName() + "."));
    }

    private List<Record> all() {
        Path folder = root.resolve("components");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> read(f.getFileName().toString().replaceAll("\\.json$", ""))).flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new StudioException("The local inference components can't be listed: " + e.getMessage(), e);
        }
    }

    private Optional<Record> read(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Record.class));
        } catch (IOException e) {
            throw new StudioException("The local record " + file + " can't be read: " + e.getMessage(), e);
        }
    }

    private void save(Record record) {
        try {
            AtomicFiles.write(file(record.name()), json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not save the inference component " + record.name() + ": " + e.getMessage(),
                    e);
        }
    }

    private Path file(String name) {
        return root.resolve("components").resolve(name + ".json");
    }
}
