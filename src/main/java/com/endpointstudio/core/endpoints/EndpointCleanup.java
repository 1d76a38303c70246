package com.endpointstudio.core.endpoints;

import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.hosting.EndpointInventory;
import com.endpointstudio.core.hosting.SageMakerControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes an endpoint and, when asked, what the studio created for it: its EndpointConfig and the
 * Models behind it — only resources carrying the studio's tag, and never one another endpoint (or
 * another config) still uses.
 */
public final class EndpointCleanup {

    /** What was deleted, and what was kept with the reason. */
    public record Outcome(List<String> deleted, List<String> kept) {
    }

    private final SageMakerControl control;
    private final EndpointInventory inventory;

    public EndpointCleanup(SageMakerControl control, EndpointInventory inventory) {
        this.control = control;
        this.inventory = inventory;
    }

    public Outcome delete(String endpointName, boolean cascade) {
        EndpointDetails endpoint = inventory.describe(endpointName).orElseThrow(() ->
                new com.endpointstudio.core.error.StudioException("There is no endpoint " + endpointName + "."));
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        control.deleteEndpoint(endpointName);
        deleted.add("Endpoint " + endpointName);
        if (!cascade) {
            return new Outcome(deleted, kept);
        }
        Set<String> configsInUse = new HashSet<>();
        for (var other : control.listEndpoints()) {
            if (!other.name().equals(endpointName)) {
                inventory.describe(other.name()).ifPresent(d -> configsInUse.add(d.configName()));
            }
        }
        List<EndpointConfigInfo> configs = inventory.endpointConfigs();
        EndpointConfigInfo config = configs.stream().filter(c -> c.name().equals(endpoint.configName())).findFirst()
                .orElse(null);
        boolean configGone = false;
        if (config == null) {
            kept.add("EndpointConfig " + endpoint.configName() + ": not found");
        } else if (configsInUse.contains(config.name())) {
            kept.add("EndpointConfig " + config.name() + ": another endpoint uses it");
        } else if (!StudioTags.isManaged(config.tags())) {
            kept.add("EndpointConfig " + config.name() + ": not created by the studio");
        } else {
            control.deleteEndpointConfig(config.name());
            deleted.add("EndpointConfig " + config.name());
            configGone = true;
        }
        Set<String> modelsInUse = new HashSet<>();
        for (EndpointConfigInfo other : configs) {
            if (!(configGone && other.name().equals(endpoint.configName()))) {
                modelsInUse.addAll(other.modelNames());
            }
        }
        for (EndpointDetails.Model model : endpoint.models()) {
            if (modelsInUse.contains(model.name())) {
                kept.add("Model " + model.name() + ": another endpoint config uses it");
            } else if (!StudioTags.isManaged(model.tags())) {
                kept.add("Model " + model.name() + ": not created by the studio");
            } else {
                control.deleteModel(model.name());
                deleted.add("Model " + model.name());
            }
        }
        return new Outcome(deleted, kept);
    }
}
