package com.endpointstudio.hosting.local;

import java.time.Instant;
import java.util.Map;

/**
 * What the studio remembers of a local endpoint between starts (endpoint.json in its folder).
 *
 * @param modelData   the model.tar.gz or folder it was created from (never modified)
 * @param framework   which container it behaves as (sklearn, pytorch, xgboost, …; custom for the generic toolkit)
 * @param port        the loopback port its model server listens on
 * @param running     whether the user wants it running: restarted at the next start when true
 * @param image       the container image the Docker runtime runs; null when the Python adapter serves it
 * @param environment the Model's container environment, passed to the model server as SageMaker passes it
 * @param frameworkVersion the framework image's version (null when unknown)
 */
public record LocalEndpointRecord(String name, String modelData, String framework, int port, Instant createdAt,
                                  boolean running, String image, Map<String, String> environment,
                                  String frameworkVersion) {

    public LocalEndpointRecord withRunning(boolean now) {
        return new LocalEndpointRecord(name, modelData, framework, port, createdAt, now, image, environment,
                frameworkVersion);
    }

    /** The container the Python adapter behaves as. */
    public ServingPersonality personality() {
        return ServingPersonality.of(framework, frameworkVersion);
    }

    public boolean docker() {
        return image != null;
    }

    /** "Docker" or "Python", as the endpoint lists show it. */
    public String runtime() {
        return docker() ? "Docker" : "Python";
    }
}
