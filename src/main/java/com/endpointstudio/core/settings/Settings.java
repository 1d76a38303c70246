package com.endpointstudio.core.settings;

import com.endpointstudio.core.connection.Connection;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the studio remembers between starts: the theme, the connections (never their
 * secrets) and which one is active. Immutable; change it with the {@code with…} methods.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, List<Connection> connections, String activeConnectionId,
                       String pythonInterpreter, Boolean dockerForFrameworkImages, String localS3ConnectionId) {

    public static final int CURRENT_VERSION = 1;

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        List<Connection> all = new ArrayList<>(connections == null ? List.of() : connections);
        // Local is always there, whatever the file said.
        if (all.stream().noneMatch(Connection::isLocal)) {
            all.add(Connection.local());
        }
        connections = List.copyOf(all);
        String active = activeConnectionId;
        if (active == null || all.stream().noneMatch(c -> c.id().equals(active))) {
            activeConnectionId = Connection.LOCAL_ID;
        }
    }

    public static Settings defaults(List<Connection> connections) {
        String active = connections.isEmpty() ? Connection.LOCAL_ID : connections.get(0).id();
        return new Settings(CURRENT_VERSION, Theme.LIGHT, connections, active, null, false, null);
    }

    public Connection activeConnection() {
        return connection(activeConnectionId).orElseThrow();
    }

    public Optional<Connection> connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(version, newTheme, connections, activeConnectionId, pythonInterpreter,
                dockerForFrameworkImages, localS3ConnectionId);
    }

    public Settings withActiveConnection(String id) {
        return new Settings(version, theme, connections, id, pythonInterpreter, dockerForFrameworkImages,
                localS3ConnectionId);
    }

    public Settings withPythonInterpreter(String interpreter) {
        return new Settings(version, theme, connections, activeConnectionId, interpreter, dockerForFrameworkImages,
                localS3ConnectionId);
    }

    /**
     * Whether local endpoints of framework images run in their container under Docker rather than
     * in the Python adapter. Custom images always run under Docker.
     */
    public boolean dockerRuntime() {
        return Boolean.TRUE.equals(dockerForFrameworkImages);
    }

    public Settings withDockerRuntime(boolean docker) {
        return new Settings(version, theme, connections, activeConnectionId, pythonInterpreter, docker,
                localS3ConnectionId);
    }

    /**
     * The AWS connection Local hosting downloads s3:// model data through when the local bucket folder
     * doesn't hold it; empty when none is chosen or it was removed.
     */
    public Optional<Connection> localS3Connection() {
        return localS3ConnectionId == null ? Optional.empty()
                : connection(localS3ConnectionId).filter(c -> !c.isLocal());
    }

    public Settings withLocalS3Connection(String id) {
        return new Settings(version, theme, connections, activeConnectionId, pythonInterpreter,
                dockerForFrameworkImages,
                id);
    }

    /** Adds the connection, or replaces the one with the same id. */
    public Settings withConnection(Connection connection) {
        List<Connection> all = new ArrayList<>(connections);
        all.removeIf(c -> c.id().equals(connection.id()));
        int localIndex = indexOfLocal(all);
        all.add(localIndex < 0 ? all.size() : localIndex, connection);
        return new Settings(version, theme, all, activeConnectionId, pythonInterpreter, dockerForFrameworkImages,
                localS3ConnectionId);
    }

    /** Removes an AWS connection; Local cannot be removed. */
    public Settings withoutConnection(String id) {
        if (Connection.LOCAL_ID.equals(id)) {
            throw new IllegalArgumentException("The Local connection is always present and cannot be removed.");
        }
        List<Connection> all = new ArrayList<>(connections);
        all.removeIf(c -> c.id().equals(id));
        return new Settings(version, theme, all, activeConnectionId, pythonInterpreter, dockerForFrameworkImages,
                localS3ConnectionId);
    }

    private static int indexOfLocal(List<Connection> all) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isLocal()) {
                return i;
            }
        }
        return -1;
    }
}
