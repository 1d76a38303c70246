package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionTester;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.StatusModel;
import com.endpointstudio.ui.settings.SettingsModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The connections of the studio: which exist, which is active, and what their last test
 * said. Shared by the toolbar's picker and the Connections screen.
 */
public final class ConnectionsViewModel {

    private final javafx.beans.property.StringProperty localRuntimeUrl = new javafx.beans.property.SimpleStringProperty("");

    private final SettingsModel settings;
    private final ConnectionTester tester;
    private final Background background;
    private final StatusModel status;
    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Connection> active = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, ConnectionCheck> checks = FXCollections.observableHashMap();

    public ConnectionsViewModel(SettingsModel settings, ConnectionTester tester, Background background,
                                StatusModel status) {
        this.settings = settings;
        this.tester = tester;
        this.background = background;
        this.status = status;
        sync(settings.get());
        settings.settingsProperty().addListener((obs, old, now) -> sync(now));
    }

    /** Where local endpoints answer the SageMaker runtime API, once its server runs ("" before). */
    public javafx.beans.property.StringProperty localRuntimeUrlProperty() {
        return localRuntimeUrl;
    }

    public ObservableList<Connection> connections() {
        return connections;
    }

    public ReadOnlyObjectProperty<Connection> activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** The last test result per connection id. */
    public ObservableMap<String, ConnectionCheck> checks() {
        return checks;
    }

    public void activate(Connection connection) {
        if (connection != null && !connection.id().equals(settings.get().activeConnectionId())) {
            settings.update(s -> s.withActiveConnection(connection.id()));
            status.show("Active connection: " + connection.label());
        }
    }

    /** Validates, then adds or replaces the connection (matched by id). */
    public void save(Connection connection) {
        connection.validate();
        settings.update(s -> s.withConnection(connection));
        checks.remove(connection.id());
    }

    public void remove(Connection connection) {
        settings.update(s -> s.withoutConnection(connection.id()));
        checks.remove(connection.id());
    }

    /** Calls STS GetCallerIdentity off the FX thread; the result lands in {@link #checks()}. */
    public void test(Connection connection) {
        if (connection.isLocal()) {
            return;
        }
        checks.put(connection.id(), ConnectionCheck.testing());
        Runnable done = status.begin("Testing connection " + connection.label() + "…");
        background.run(() -> tester.test(connection),
                identity -> {
                    done.run();
                    checks.put(connection.id(), ConnectionCheck.connected(identity));
                    status.show("Connected to account " + identity.account() + " as " + identity.arn());
                },
                error -> {
                    done.run();
                    checks.put(connection.id(), ConnectionCheck.failed(error));
                    status.show("Connection " + connection.label() + " failed the test");
                });
    }

    private void sync(Settings now) {
        if (!connections.equals(now.connections())) {
            connections.setAll(now.connections());
        }
        active.set(now.activeConnection());
    }
}
