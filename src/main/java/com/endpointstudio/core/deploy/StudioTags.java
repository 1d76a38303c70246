package com.endpointstudio.core.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tags the studio puts on every Model, EndpointConfig and Endpoint it creates, besides the
 * user's own: one marks the resource as the studio's, so clean-up never touches anything else;
 * one names the deployment, so clean-up removes exactly the resources of one deployment.
 */
public final class StudioTags {

    /** Keys starting with this are the studio's; users may not invent their own under it. */
    public static final String PREFIX = "endpoint-studio:";
    public static final String MANAGED_KEY = PREFIX + "managed";
    public static final String MANAGED_VALUE = "true";
    public static final String DEPLOYMENT_KEY = PREFIX + "deployment";

    private StudioTags() {
    }

    /** A fresh deployment id for {@link #DEPLOYMENT_KEY}: unique, and a valid tag value. */
    public static String newDeploymentId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Every tag the deployment's resources carry: the user's tags sorted by key (so exports are
     * stable), then the studio's. Without a deployment id in the spec, the endpoint name stands in
     * — it is unique in the account and region.
     */
    public static Map<String, String> forResources(DeploymentSpec spec) {
        Map<String, String> user = spec.endpoint() == null ? Map.of() : spec.endpoint().tags();
        Map<String, String> tags = new LinkedHashMap<>();
        new TreeMap<>(user).forEach((key, value) -> {
            if (!key.equals(MANAGED_KEY) && !key.equals(DEPLOYMENT_KEY)) {
                tags.put(key, value);
            }
        });
        tags.put(MANAGED_KEY, MANAGED_VALUE);
        String deployment = user.get(DEPLOYMENT_KEY);
        if (deployment == null && spec.endpoint() != null) {
            deployment = spec.endpoint().name();
        }
        if (deployment != null) {
            tags.put(DEPLOYMENT_KEY, deployment);
        }
        return tags;
    }

    /** True when a resource's tags say the studio made it. */
    public static boolean isManaged(Map<String, String> tags) {
        return MANAGED_VALUE.equals(tags.get(MANAGED_KEY));
    }

    /** True when a resource belongs to the given deployment (and was made by the studio). */
    public static boolean belongsTo(Map<String, String> tags, String deploymentId) {
        return isManaged(tags) && deploymentId != null && deploymentId.equals(tags.get(DEPLOYMENT_KEY));
    }

    /**
     * True for keys under the studio's prefix that the studio does not define: the validator
     * refuses them, so a user tag can never pose as one of the studio's.
     */
    public static boolean isUnknownStudioKey(String key) {
        return key != null && key.startsWith(PREFIX) && !key.equals(MANAGED_KEY) && !key.equals(DEPLOYMENT_KEY);
    }
}
