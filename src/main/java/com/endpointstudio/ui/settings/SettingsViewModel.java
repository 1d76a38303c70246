package com.endpointstudio.ui.settings;

import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Theme;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Settings screen: the theme, the Python that runs local endpoints, where the studio keeps its files. */
public final class SettingsViewModel {

    private final SettingsModel settings;
    private final StudioPaths paths;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final StringProperty pythonInterpreter = new SimpleStringProperty("");
    private final StringProperty pythonCheck = new SimpleStringProperty("");
    private Function<String, String> pythonProbe = chosen -> "";
    private final StringProperty dockerStatus = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty dockerAvailable = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty dockerForFrameworkImages =
            new javafx.beans.property.SimpleBooleanProperty();
    private java.util.function.Supplier<DockerCheck> dockerProbe = () -> new DockerCheck(false, "");

    /** An AWS connection to download Local endpoints' s3:// model data through, or none. */
    public record S3Choice(String connectionId, String label) {
        static final S3Choice NONE = new S3Choice(null, "None: only the local bucket folder");

        @Override
        public String toString() {
            return label;
        }
    }

    private final javafx.collections.ObservableList<S3Choice> s3Choices =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<S3Choice> s3Choice = new SimpleObjectProperty<>(S3Choice.NONE);

    /** What the Docker probe found: whether the engine answers, in a sentence either way. */
    public record DockerCheck(boolean available, String text) {
    }
    private Jobs jobs;
    private final JobSlot probingPython = new JobSlot();
    private final JobSlot probingDocker = new JobSlot();

    public SettingsViewModel(SettingsModel settings, StudioPaths paths) {
        this.settings = settings;
        this.paths = paths;
        pythonInterpreter.set(nullToBlank(settings.get().pythonInterpreter()));
        dockerForFrameworkImages.set(settings.get().dockerRuntime());
        dockerForFrameworkImages.addListener((obs, old, now) -> settings.update(s -> s.withDockerRuntime(now)));
        theme.set(settings.get().theme());
        showS3Choices(settings.get());
        settings.settingsProperty().addListener((obs, old, now) -> {
            theme.set(now.theme());
            showS3Choices(now);
        });
        s3Choice.addListener((obs, old, now) -> {
            String id = now == null ? null : now.connectionId();
            if (!java.util.Objects.equals(id, settings.get().localS3Connection().map(c -> c.id()).orElse(null))) {
                settings.update(s -> s.withLocalS3Connection(id));
            }
        });
        theme.addListener((obs, old, now) -> {
            if (now != null && now != settings.get().theme()) {
                settings.update(s -> s.withTheme(now));
            }
        });
    }

    /**
     * Lets the screen check an interpreter: the probe finds and runs it (off the FX thread) and
     * describes it, or throws with the reason.
     */
    public void usePythonProbe(Function<String, String> probe, Jobs runner) {
        this.pythonProbe = probe;
        this.jobs = runner;
    }

    /** Lets the screen say whether the Docker runtime can be used, and why not. */
    public void useDockerProbe(java.util.function.Supplier<DockerCheck> probe) {
        this.dockerProbe = probe;
    }

    /** Checks the Docker engine off the FX thread; the answer shows under Local hosting. */
    public void checkDocker() {
        if (jobs == null) {
            return;
        }
        dockerStatus.set("Docker runtime: checking…");
        probingDocker.start(jobs.job("Check the Docker engine", job -> dockerProbe.get()).onSuccess(check -> {
            dockerAvailable.set(check.available());
            dockerStatus.set(check.text());
        }).onFailure(error -> dockerStatus.set("Docker runtime: " + error.getMessage())));
    }

    /** Whether the Docker engine answered the last check. */
    public javafx.beans.property.ReadOnlyBooleanProperty dockerAvailableProperty() {
        return dockerAvailable;
    }

    /** Run framework images under Docker too (saved in the settings); custom images always are. */
    public javafx.beans.property.BooleanProperty dockerForFrameworkImagesProperty() {
        return dockerForFrameworkImages;
    }

    /** The AWS connections to choose from, after "None"; kept in step with the Connections screen. */
    private void showS3Choices(com.endpointstudio.core.settings.Settings now) {
        java.util.List<S3Choice> choices = new java.util.ArrayList<>(java.util.List.of(S3Choice.NONE));
        now.connections().stream().filter(c -> !c.isLocal())
                .forEach(c -> choices.add(new S3Choice(c.id(), c.label())));
        if (!s3Choices.equals(choices)) {
            s3Choices.setAll(choices);
        }
        String chosen = now.localS3Connection().map(c -> c.id()).orElse(null);
        s3Choice.set(choices.stream().filter(c -> java.util.Objects.equals(c.connectionId(), chosen)).findFirst()
                .orElse(S3Choice.NONE));
    }

    public javafx.collections.ObservableList<S3Choice> s3Choices() {
        return s3Choices;
    }

    /** The connection Local endpoints' s3:// model data is downloaded through (saved in the settings). */
    public ObjectProperty<S3Choice> s3ChoiceProperty() {
        return s3Choice;
    }

    public StringProperty dockerStatusProperty() {
        return dockerStatus;
    }

    /** Saves the interpreter (blank: python3 on the PATH) and checks that it runs. */
    public void applyPythonInterpreter() {
        String chosen = pythonInterpreter.get() == null ? "" : pythonInterpreter.get().strip();
        settings.update(s -> s.withPythonInterpreter(chosen.isEmpty() ? null : chosen));
        if (jobs == null) {
            return;
        }
        pythonCheck.set("Checking…");
        probingPython.start(jobs.job("Check the Python interpreter", job -> pythonProbe.apply(chosen.isEmpty() ? null
                : chosen)).onSuccess(found -> pythonCheck.set("Local endpoints will run with " + found))
                .onFailure(error -> pythonCheck.set(error.getMessage())));
    }

    public StringProperty pythonInterpreterProperty() {
        return pythonInterpreter;
    }

    public StringProperty pythonCheckProperty() {
        return pythonCheck;
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public String settingsFile() {
        return paths.settingsFile().toString();
    }

    public String logFolder() {
        return paths.logDir().toString();
    }

    public String dataFolder() {
        return paths.dataDir().toString();
    }
}
