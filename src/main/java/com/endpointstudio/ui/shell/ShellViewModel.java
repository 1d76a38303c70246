package com.endpointstudio.ui.shell;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.ui.common.StatusModel;
import com.endpointstudio.ui.connections.ConnectionCheck;
import com.endpointstudio.ui.connections.ConnectionsViewModel;
import com.endpointstudio.ui.settings.SettingsViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the screens, the selected one, the active connection, the status.
 * It tells each screen's view model when it is shown or left, and every screen when the active
 * connection changes (the status bar's notice about the one before goes too).
 */
public final class ShellViewModel {

    private final ObservableList<Screen> screens;
    private final ObjectProperty<Screen> selected = new SimpleObjectProperty<>();
    private final ConnectionsViewModel connections;
    private final SettingsViewModel settings;
    private final StatusModel status;
    private final StringBinding identity;

    public ShellViewModel(List<Screen> screens, ConnectionsViewModel connections, SettingsViewModel settings,
                          StatusModel status) {
        this.screens = FXCollections.observableArrayList(screens);
        this.connections = connections;
        this.settings = settings;
        this.status = status;
        this.identity = Bindings.createStringBinding(this::describeIdentity,
                connections.activeProperty(), connections.checks());
        screens.forEach(screen -> screen.lifecycle().connectionChanged(connections.activeProperty().get()));
        connections.activeProperty().addListener((obs, old, now) -> {
            status.clearNotice();
            this.screens.forEach(screen -> screen.lifecycle().connectionChanged(now));
        });
        selected.addListener((obs, old, now) -> {
            if (old != null) {
                old.lifecycle().hidden();
            }
            if (now != null) {
                now.lifecycle().shown();
            }
        });
        selected.set(screens.get(0));
    }

    public ObservableList<Screen> screens() {
        return screens;
    }

    public ObjectProperty<Screen> selectedProperty() {
        return selected;
    }

    public void show(String screenId) {
        screens.stream().filter(s -> s.id().equals(screenId)).findFirst().ifPresent(selected::set);
    }

    public ConnectionsViewModel connections() {
        return connections;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public StatusModel status() {
        return status;
    }

    /** A short line for the toolbar about who the active connection acts as. */
    public StringBinding identityProperty() {
        return identity;
    }

    public void testActiveConnection() {
        connections.test(connections.activeProperty().get());
    }

    private String describeIdentity() {
        Connection active = connections.activeProperty().get();
        if (active == null) {
            return "";
        }
        if (active.isLocal()) {
            return "This computer";
        }
        ConnectionCheck check = connections.checks().get(active.id());
        if (check == null) {
            return "Not tested";
        }
        return switch (check.state()) {
            case TESTING -> "Testing…";
            case CONNECTED -> "Account " + check.identity().account();
            case FAILED -> "Not connected";
        };
    }
}
