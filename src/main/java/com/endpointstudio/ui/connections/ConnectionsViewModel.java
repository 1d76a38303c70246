package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionTester;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.ui.common.Jobs;
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
    private final Jobs jobs;
    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Connection> active = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, ConnectionCheck> checks = FXCollections.observableHashMap();

    public ConnectionsViewModel(SettingsModel settings, ConnectionTester tester, Jobs jobs) {
        this.settings = settings;
        this.tester = tester;
        this.jobs = jobs;
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
            jobs.status().show("Active connection: " + connection.label());
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
        jobs.job("Test connection " + connection.label(), job -> tester.test(connection)).onSuccess(identity -> {
            checks.put(connection.id(), ConnectionCheck.connected(identity));
            jobs.status().show("Connected to account " + identity.account() + " as " + identity.arn());
        }).onFailure(error -> {
            checks.put(connection.id(), ConnectionCheck.failed(error));
            jobs.status().show("Connection " + connection.label() + " failed the test");
        }).start();
    }

    private void sync(Settings now) {
        if (!connections.equals(now.connections())) {
            connections.setAll(now.connections());
        }
        active.set(now.activeConnection());
    }
}
