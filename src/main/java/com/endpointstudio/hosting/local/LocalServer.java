package com.endpointstudio.hosting.local;

import java.util.Map;

/**
 * One model server of a local endpoint: a container of a production variant's Model (or the
 * multi-model container that loads models on demand), served by the Python adapter or Docker on
 * a loopback port of its own, as SageMaker runs each container of an instance.
 *
 * @param key          unique within the endpoint; names its folder and its log
 * @param variant      the production variant it belongs to
 * @param container    the container's name in SageMaker's messages: its ContainerHostname, else
 *                     {@code container_N} in a pipeline, {@code primary} alone
 * @param modelData    the model.tar.gz or folder it was created from (never modified); for a
 *                     multi-model container the folder its models are loaded from
 * @param modelDir     where the model is unpacked, relative to the endpoint's folder
 * @param framework    which container it behaves as (sklearn, pytorch, …; custom for the generic toolkit)
 * @param image        the image Docker runs; null when the Python adapter serves it
 * @param environment  the container's environment, as SageMaker passes it
 * @param port         its loopback port
 * @param multiModel   a container in MultiModel mode: models are loaded through its /models API
 * @param memoryLimitMb the memory the process may use (serverless memory size), or null for no limit
 * @param containerFolder the container folder whose serve program runs on this computer (no Docker), or null
 */
public record LocalServer(String key, String variant, String container, String modelData, String modelDir,
                          String framework, String frameworkVersion, String image, Map<String, String> environment,
                          int port, boolean multiModel, Integer memoryLimitMb, String containerFolder) {

    public LocalServer {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** The container the Python adapter behaves as. */
    public ServingPersonality personality() {
        return ServingPersonality.of(framework, frameworkVersion);
    }

    public boolean docker() {
        return image != null;
    }

    /** A bring-your-own-container folder: its serve program runs with the chosen Python, as the container runs it. */
    public boolean folder() {
        return containerFolder != null;
    }

    /** A copy of an inference component (its state is the component's, not the endpoint's). */
    public boolean component() {
        return key.startsWith(COMPONENT_PREFIX);
    }

    /** The key of an inference component's copy. */
    public static String componentKey(String component, int copy) {
        return COMPONENT_PREFIX + component + "/" + copy;
    }

    static final String COMPONENT_PREFIX = "ic/";

    /** The log of this server, relative to the endpoint's folder. */
    public String logFile() {
        return "model".equals(modelDir) ? "logs/endpoint.log" : "logs/" + key.replace('/', '.') + ".log";
    }
}
