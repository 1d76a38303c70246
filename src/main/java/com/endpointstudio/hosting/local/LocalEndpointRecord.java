package com.endpointstudio.hosting.local;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the studio remembers of a local endpoint between starts (endpoint.json in its folder).
 *
 * @param running  whether the user wants it running: restarted at the next start when true
 * @param servers  its model servers: one per container of each variant
 * @param topology how invocations are routed to them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalEndpointRecord(String name, Instant createdAt, boolean running, List<LocalServer> servers,
                                  LocalTopology topology) {

    public LocalEndpointRecord {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /**
     * Reads both shapes: the current one, and one model server described by the record itself, as
     * endpoints of earlier versions were recorded (their model folder is "model").
     */
    @JsonCreator
    static LocalEndpointRecord read(@JsonProperty("name") String name, @JsonProperty("createdAt") Instant createdAt,
                                    @JsonProperty("running") boolean running,
                                    @JsonProperty("servers") List<LocalServer> servers,
                                    @JsonProperty("topology") LocalTopology topology,
                                    @JsonProperty("modelData") String modelData,
                                    @JsonProperty("framework") String framework,
                                    @JsonProperty("port") Integer port, @JsonProperty("image") String image,
                                    @JsonProperty("environment") Map<String, String> environment,
                                    @JsonProperty("frameworkVersion") String frameworkVersion) {
        if ((servers == null || servers.isEmpty()) && port != null) {
            LocalServer only = new LocalServer("AllTraffic/primary", "AllTraffic", "primary", modelData, "model",
                    framework, frameworkVersion, image, environment, port, false, null, null);
            return new LocalEndpointRecord(name, createdAt, running, List.of(only), LocalTopology.single(only.key()));
        }
        return new LocalEndpointRecord(name, createdAt, running, servers, topology);
    }

    public LocalEndpointRecord withRunning(boolean now) {
        return new LocalEndpointRecord(name, createdAt, now, servers, topology);
    }

    public LocalEndpointRecord withServers(List<LocalServer> changed, LocalTopology topologyNow) {
        return new LocalEndpointRecord(name, createdAt, running, changed, topologyNow);
    }

    public LocalEndpointRecord withTopology(LocalTopology changed) {
        return new LocalEndpointRecord(name, createdAt, running, servers, changed);
    }

    public java.util.Optional<LocalServer> server(String key) {
        return servers.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The first model server (the only one of a single-container endpoint). */
    public LocalServer primary() {
        return servers.get(0);
    }

    /** "Docker" or "Python", as the endpoint lists show it. */
    public String runtime() {
        return servers.stream().anyMatch(LocalServer::docker) ? "Docker" : "Python";
    }
}
