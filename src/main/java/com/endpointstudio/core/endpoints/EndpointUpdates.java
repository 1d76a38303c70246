package com.endpointstudio.core.endpoints;

import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.EndpointInventory;
import com.endpointstudio.core.hosting.SageMakerControl;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes a running endpoint. A new instance type (or count with it) makes a new EndpointConfig —
 * a copy of the current one with the change, tagged as the studio's — and switches the endpoint
 * to it with UpdateEndpoint; weights and counts alone go through UpdateEndpointWeightsAndCapacities.
 * Each switch is remembered (per connection, in the data folder) so it can be reverted in one click.
 */
public final class EndpointUpdates {

    /** The new values of one variant; null keeps the current one. */
    public record VariantChange(String variantName, String instanceType, Integer instanceCount, Double weight) {
    }

    /** One switch of an endpoint from a config to another. */
    public record Switch(String connectionId, String endpointName, String previousConfig, String newConfig,
                         Instant at) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final SageMakerControl control;
    private final EndpointInventory inventory;
    private final Path historyFile;
    private final String connectionId;

    public EndpointUpdates(SageMakerControl control, EndpointInventory inventory, Path historyFile, String connectionId) {
        this.control = control;
        this.inventory = inventory;
        this.historyFile = historyFile;
        this.connectionId = connectionId;
    }

    /**
     * Applies the changes. Returns the new config's name, or null when only weights and counts
     * changed (no new config needed).
     */
    public String apply(EndpointDetails current, List<VariantChange> changes) {
        Map<String, VariantChange> byVariant = new LinkedHashMap<>();
        for (VariantChange change : changes) {
            if (current.variants().stream().noneMatch(v -> v.name().equals(change.variantName()))) {
                throw new ValidationException("Variant", "the endpoint has no variant " + change.variantName());
            }
            if (change.instanceCount() != null && change.instanceCount() < 1) {
                throw new ValidationException("Instance count", "must be at least 1");
            }
            if (change.weight() != null && change.weight() < 0) {
                throw new ValidationException("Weight", "can't be negative");
            }
            byVariant.put(change.variantName(), change);
        }
        boolean newType = current.variants().stream().anyMatch(v -> {
            VariantChange change = byVariant.get(v.name());
            return change != null && change.instanceType() != null && !change.instanceType().equals(v.instanceType());
        });
        if (!newType) {
            Map<String, Double> weights = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            byVariant.values().forEach(change -> {
                if (change.weight() != null) {
                    weights.put(change.variantName(), change.weight());
                }
                if (change.instanceCount() != null) {
                    counts.put(change.variantName(), change.instanceCount());
                }
            });
            inventory.updateWeightsAndCapacities(current.name(), weights, counts);
            return null;
        }
        List<VariantSpec> variants = new ArrayList<>();
        for (EndpointDetails.Variant variant : current.variants()) {
            if (variant.serverless()) {
                throw new StudioException("Variant " + variant.name() + " is serverless; change its memory and "
                        + "concurrency with a new deployment.");
            }
            VariantChange change = byVariant.getOrDefault(variant.name(), new VariantChange(variant.name(), null, null,
                    null));
            variants.add(new VariantSpec(variant.name(), variant.modelName(),
                    change.instanceType() != null ? change.instanceType() : variant.instanceType(),
                    change.instanceCount() != null ? change.instanceCount()
                            : variant.desiredCount() != null ? variant.desiredCount() : 1,
                    change.weight() != null ? change.weight() : variant.weight()));
        }
        String base = current.name().length() > 40 ? current.name().substring(0, 40) : current.name();
        String configName = base + "-config-" + STAMP.format(Instant.now());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(StudioTags.MANAGED_KEY, StudioTags.MANAGED_VALUE);
        tags.put(StudioTags.DEPLOYMENT_KEY, current.tags().getOrDefault(StudioTags.DEPLOYMENT_KEY, current.name()));
        control.createEndpointConfig(new EndpointConfigSpec(configName, variants), tags);
        try {
            inventory.updateEndpoint(current.name(), configName);
        } catch (RuntimeException e) {
            // the endpoint still runs its old config: the new one would be left over, unused
            try {
                control.deleteEndpointConfig(configName);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        remember(new Switch(connectionId, current.name(), current.configName(), configName, Instant.now()));
        return configName;
    }

    /** The last switch of an endpoint that can be reverted, if any. */
    public Optional<Switch> lastSwitch(String endpointName) {
        List<Switch> all = history();
        for (int i = all.size() - 1; i >= 0; i--) {
            Switch candidate = all.get(i);
            if (candidate.connectionId().equals(connectionId) && candidate.endpointName().equals(endpointName)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Switches the endpoint back to the config it had before its last update. */
    public Switch revert(String endpointName) {
        Switch last = lastSwitch(endpointName).orElseThrow(() -> new StudioException("The studio has no earlier "
                + "config of " + endpointName + " to go back to."));
        if (!control.endpointConfigExists(last.previousConfig())) {
            throw new StudioException("The earlier config " + last.previousConfig() + " was deleted; it can't be "
                    + "restored.");
        }
        inventory.updateEndpoint(endpointName, last.previousConfig());
        Switch back = new Switch(connectionId, endpointName, last.newConfig(), last.previousConfig(), Instant.now());
        remember(back);
        return back;
    }

    private synchronized List<Switch> history() {
        if (!Files.exists(historyFile)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JSON.readValue(historyFile.toFile(), new TypeReference<List<Switch>>() { }));
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    private synchronized void remember(Switch change) {
        List<Switch> all = history();
        all.add(change);
        if (all.size() > 500) {
            all = new ArrayList<>(all.subList(all.size() - 500, all.size()));
        }
        try {
            AtomicFiles.write(historyFile, JSON.writeValueAsBytes(all));
        } catch (IOException e) {
            throw new StudioException("The update was made, but the studio could not note it for a revert: "
                    + e.getMessage(), e);
        }
    }
}
