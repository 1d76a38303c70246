package com.endpointstudio.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.core.settings.Theme;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings screen's view model without a toolkit: the interpreter and Docker checks as jobs, choices saved. */
class SettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theInterpreterIsSavedAndCheckedAndTheThemeIsRemembered() {
        TestJobs jobs = TestJobs.direct();
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"),
                () -> Settings.defaults(List.of(Connection.local())));
        SettingsViewModel model = new SettingsViewModel(new SettingsModel(store.load().settings(), store, jobs.jobs()),
                StudioPaths.under(dir));
        model.usePythonProbe(chosen -> {
            if ("/opt/none/python".equals(chosen)) {
                throw new StudioException("/opt/none/python does not run: install Python 3.8 or newer.");
            }
            return "Python 3.11.9 (" + chosen + ")";
        }, jobs.jobs());
        model.useDockerProbe(() -> new SettingsViewModel.DockerCheck(false, "Docker runtime: unavailable (no engine)."));

        model.pythonInterpreterProperty().set("/usr/bin/python3");
        model.applyPythonInterpreter();
        assertThat(model.pythonCheckProperty().get()).isEqualTo("Local endpoints will run with Python 3.11.9 "
                + "(/usr/bin/python3)");
        model.pythonInterpreterProperty().set("/opt/none/python");
        model.applyPythonInterpreter();
        assertThat(model.pythonCheckProperty().get()).isEqualTo("/opt/none/python does not run: install Python 3.8 "
                + "or newer.");
        model.checkDocker();
        assertThat(model.dockerStatusProperty().get()).contains("unavailable");
        assertThat(model.dockerAvailableProperty().get()).isFalse();
        model.themeProperty().set(Theme.DARK);

        Settings saved = store.load().settings();
        assertThat(saved.pythonInterpreter()).isEqualTo("/opt/none/python");
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
        assertThat(jobs.reported()).isEmpty();
    }

    @Test
    void theConnectionLocalDownloadsThroughIsChosenAmongTheAwsOnesAndForgottenWithIt() {
        TestJobs jobs = TestJobs.direct();
        Connection team = Connection.aws("team", "team", "eu-west-1", null).withId("team");
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"),
                () -> Settings.defaults(List.of(Connection.local(), team)));
        SettingsModel settings = new SettingsModel(store.load().settings(), store, jobs.jobs());
        SettingsViewModel model = new SettingsViewModel(settings, StudioPaths.under(dir));

        assertThat(model.s3Choices()).extracting(SettingsViewModel.S3Choice::connectionId)
                .containsExactly(null, "team");
        assertThat(model.s3ChoiceProperty().get().label()).isEqualTo("None: only the local bucket folder");
        model.s3ChoiceProperty().set(model.s3Choices().get(1));
        assertThat(store.load().settings().localS3Connection()).contains(team);

        Connection lab = Connection.aws("lab", "lab", "us-east-1", null).withId("lab");
        settings.update(s -> s.withConnection(lab));
        assertThat(model.s3Choices()).extracting(SettingsViewModel.S3Choice::connectionId)
                .containsExactlyInAnyOrder(null, "team", "lab");
        assertThat(model.s3ChoiceProperty().get().connectionId()).isEqualTo("team");

        settings.update(s -> s.withoutConnection("team"));
        assertThat(model.s3ChoiceProperty().get().connectionId()).as("a removed connection is no longer chosen")
                .isNull();
        assertThat(store.load().settings().localS3Connection()).isEmpty();
        assertThat(jobs.reported()).isEmpty();
    }
}
