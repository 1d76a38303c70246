package com.endpointstudio.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.testing.TestJobs;
import com.endpointstudio.ui.common.ScreenLifecycle;
import com.endpointstudio.ui.connections.ConnectionsViewModel;
import com.endpointstudio.ui.settings.SettingsModel;
import com.endpointstudio.ui.settings.SettingsViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.feather.Feather;

/** The shell's view model without a toolkit: what the screens are told as the user moves between them and connections. */
class ShellViewModelTest {

    @TempDir
    Path dir;

    /** A screen's view model that writes down what it is told. */
    private static ScreenLifecycle recorder(String name, List<String> told) {
        return new ScreenLifecycle() {
            @Override
            public void shown() {
                told.add(name + " shown");
            }

            @Override
            public void hidden() {
                told.add(name + " hidden");
            }

            @Override
            public void connectionChanged(Connection now) {
                told.add(name + " on " + now.label());
            }
        };
    }

    @Test
    void screensAreToldWhenTheyAreShownLeftAndWhenTheConnectionChanges() {
        TestJobs jobs = TestJobs.direct();
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"),
                () -> Settings.defaults(List.of(Connection.local())));
        SettingsModel settings = new SettingsModel(store.load().settings(), store, jobs.jobs());
        ConnectionsViewModel connections = new ConnectionsViewModel(settings, c -> null, jobs.jobs());
        List<String> told = new ArrayList<>();
        ShellViewModel shell = new ShellViewModel(List.of(
                new Screen("package", "Package", Feather.PACKAGE, recorder("package", told), () -> null),
                new Screen("endpoints", "Endpoints", Feather.LIST, recorder("endpoints", told), () -> null)),
                connections, new SettingsViewModel(settings, StudioPaths.under(dir)), jobs.status());
        assertThat(told).containsExactly("package on Local", "endpoints on Local", "package shown");

        told.clear();
        shell.show("endpoints");
        assertThat(told).containsExactly("package hidden", "endpoints shown");

        told.clear();
        jobs.status().show("2 endpoints on Local");
        Connection prod = Connection.aws("Prod", "prod", "eu-west-1", null);
        connections.save(prod);
        connections.activate(prod);
        assertThat(told).containsExactly("package on Prod · eu-west-1", "endpoints on Prod · eu-west-1");
        assertThat(jobs.status().messageProperty().get()).isEqualTo("Active connection: Prod · eu-west-1");
    }
}
