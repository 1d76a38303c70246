package com.endpointstudio.app;

import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.DialogErrorReporter;
import com.endpointstudio.ui.common.StatusModel;
import com.endpointstudio.ui.common.Views;
import com.endpointstudio.ui.connections.ConnectionsController;
import com.endpointstudio.ui.connections.ConnectionsViewModel;
import com.endpointstudio.core.packaging.HandlerTemplates;
import com.endpointstudio.ui.deploy.DeployController;
import com.endpointstudio.ui.deploy.DeployRun;
import com.endpointstudio.ui.deploy.UnfinishedDeployments;
import com.endpointstudio.ui.deploy.DeployViewModel;
import com.endpointstudio.ui.packaging.PackagingController;
import com.endpointstudio.ui.packaging.PackagingViewModel;
import com.endpointstudio.ui.settings.SettingsController;
import com.endpointstudio.ui.settings.SettingsModel;
import com.endpointstudio.ui.settings.SettingsViewModel;
import com.endpointstudio.ui.settings.ThemeManager;
import com.endpointstudio.ui.shell.Screen;
import com.endpointstudio.ui.shell.ShellController;
import com.endpointstudio.ui.shell.ShellViewModel;
import java.util.List;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.ui.console.ConsoleController;
import com.endpointstudio.ui.console.ConsoleViewModel;
import com.endpointstudio.ui.console.LoadTestViewModel;
import com.endpointstudio.ui.endpoints.EndpointsController;
import com.endpointstudio.ui.endpoints.EndpointsViewModel;
import com.endpointstudio.ui.metrics.MetricsController;
import com.endpointstudio.ui.metrics.MetricsViewModel;
import org.kordamp.ikonli.feather.Feather;

/**
 * Wires the main window from the services: settings, view models, screens and the shell.
 * The application and the UI tests both build the window through here.
 */
public final class StudioWindow {

    private final ShellViewModel shell;
    private PackagingViewModel packaging;
    private DeployViewModel deploy;
    private final Parent root;
    private final SettingsStore.Loaded loaded;

    public StudioWindow(StudioServices services, Stage stage) {
        DialogErrorReporter errors = new DialogErrorReporter(() -> stage);
        errors.installAsUncaughtHandler();
        Background background = Background.onFxThread(services.background());
        StatusModel status = new StatusModel();

        loaded = services.settingsStore().load();
        SettingsModel settings = new SettingsModel(loaded.settings(), services.settingsStore(), background, errors);
        ThemeManager.follow(settings);
        if (loaded.firstStart()) {
            // Remember the detected connections, so a later change of environment doesn't move them.
            settings.update(s -> s);
        }

        ConnectionsViewModel connections = new ConnectionsViewModel(settings, services.connectionTester(),
                background, status);
        services.usePythonInterpreter(settings.get().pythonInterpreter());
        services.useDockerRuntime(settings.get().dockerRuntime());
        settings.settingsProperty().addListener((obs, old, now) -> {
            services.usePythonInterpreter(now.pythonInterpreter());
            services.useDockerRuntime(now.dockerRuntime());
        });
        SettingsViewModel settingsView = new SettingsViewModel(settings, services.paths());
        settingsView.usePythonProbe(chosen -> {
            var python = com.endpointstudio.hosting.local.PythonInterpreter.detect(chosen);
            return "Python " + python.version() + " (" + python.command() + ")";
        }, background);
        settingsView.useDockerProbe(() -> {
            var docker = com.endpointstudio.hosting.local.DockerEngine.probe();
            return new SettingsViewModel.DockerCheck(docker.available(), docker.available()
                    ? "Docker runtime: available (" + docker.detail() + "). Custom images run under Docker; framework "
                    + "images too when chosen below."
                    : "Docker runtime: unavailable (" + docker.detail() + "). Local endpoints use the Python runtime; "
                    + "custom images can't be served on this computer.");
        });

        packaging = new PackagingViewModel(services.packager(), new HandlerTemplates(), background,
                errors, status);
        deploy = new DeployViewModel(() -> {
            var active = connections.activeProperty().get();
            return active == null ? null : active.region();
        }, com.endpointstudio.core.image.ImageCatalog.load(), com.endpointstudio.core.instance.InstanceCatalog.load(),
                background, errors, status);
        DeployRun deployRun = new DeployRun(new StudioHostingProvider(services),
                new com.endpointstudio.core.deploy.run.DeploymentJournal(services.paths().dataDir().resolve("deployments")),
                java.time.Duration.ofSeconds(10), background, errors, status);
        deploy.useRunner(deployRun, () -> connections.activeProperty().get());
        connections.activeProperty().addListener((obs, old, now) -> deploy.revalidate());
        deploy.revalidate();
        background.run(() -> services.localRuntime().url(), connections.localRuntimeUrlProperty()::set,
                error -> status.show(error.getMessage()));
        background.run(() -> {
            if (java.nio.file.Files.isDirectory(services.localRoot().resolve("endpoints"))) {
                services.localHost().restore(line -> { });
            }
            return null;
        }, ignored -> { }, error -> status.show("Local endpoints could not all be started again: " + error.getMessage()));
        InvocationHistory history = new InvocationHistory(services.paths().dataDir().resolve("console"));
        console = new ConsoleViewModel(new StudioHostingProvider(services), () -> connections.activeProperty().get(),
                () -> services.localRuntime().url(), history, background, errors, status);
        metrics = new MetricsViewModel(new StudioHostingProvider(services), () -> connections.activeProperty().get(),
                history::entries, background, errors, status);
        console.useLocalRoot(() -> services.localRoot().toString());
        endpoints = new EndpointsViewModel(new StudioHostingProvider(services), () -> connections.activeProperty().get(),
                com.endpointstudio.core.instance.InstanceCatalog.load(),
                new com.endpointstudio.core.deploy.run.DeploymentJournal(services.paths().dataDir().resolve("deployments")),
                services.paths().dataDir().resolve("endpoint-updates.json"), background, errors, status);
        transformRun = new com.endpointstudio.ui.transform.TransformRunModel(new StudioHostingProvider(services),
                java.time.Duration.ofSeconds(15), java.time.Duration.ofMillis(300),
                com.endpointstudio.core.instance.InstanceCatalog.load(), background, errors, status);
        var transform = new com.endpointstudio.ui.transform.TransformViewModel(transformRun,
                () -> connections.activeProperty().get(), com.endpointstudio.core.instance.InstanceCatalog.load(),
                com.endpointstudio.core.image.ImageCatalog.load(), background, errors, status, java.time.Clock.systemUTC());
        connections.activeProperty().addListener((obs, old, now) -> transform.revalidate());
        LoadTestViewModel loadTest = new LoadTestViewModel(console);
        metrics.useLoadTestLatency(loadTest::latencyPoints);
        List<Screen> screens = List.of(
                new Screen("package", "Package", Feather.PACKAGE, () -> Views.load("packaging.fxml",
                        new PackagingController(packaging))),
                new Screen("deploy", "Deploy", Feather.UPLOAD_CLOUD, () -> Views.load("deploy.fxml",
                        new DeployController(deploy))),
                new Screen("endpoints", "Endpoints", Feather.LIST, () -> Views.load("endpoints.fxml",
                        new EndpointsController(endpoints))),
                new Screen("console", "Console", Feather.TERMINAL, () -> Views.load("console.fxml",
                        new ConsoleController(console, loadTest, url -> documents.accept(url)))),
                new Screen("metrics", "Metrics", Feather.ACTIVITY, () -> Views.load("metrics.fxml",
                        new MetricsController(metrics))),
                new Screen("transform", "Batch transform", Feather.LAYERS, () -> Views.load("transform.fxml",
                        new com.endpointstudio.ui.transform.TransformController(transform))),
                new Screen("connections", "Connections", Feather.SERVER, () -> Views.load("connections.fxml",
                        new ConnectionsController(connections, services.profiles(), background, errors))),
                new Screen("settings", "Settings", Feather.SETTINGS, () -> Views.load("settings.fxml",
                        new SettingsController(settingsView))));
        shell = new ShellViewModel(screens, connections, settingsView, status);
        packaging.build().onDeploy(result -> {
            deploy.useModelData(result.output(), packaging.build().uncompressedProperty().get());
            shell.show("deploy");
        });
        packaging.build().onAddToEndpoint(result -> {
            endpoints.offerArchive(result.output());
            shell.show("endpoints");
        });
        endpoints.onOpen(endpoint -> {
            shell.show("console");
            console.useEndpoint(endpoint);
        }, endpoint -> {
            shell.show("metrics");
            metrics.useEndpoint(endpoint);
        });
        console.onShowMetrics(endpoint -> {
            shell.show("metrics");
            metrics.useEndpoint(endpoint);
        });
        root = Views.load("shell.fxml", new ShellController(shell));
        javafx.application.Platform.runLater(() -> UnfinishedDeployments.offer(deployRun, background,
                id -> settings.get().connection(id), () -> shell.show("deploy"), stage));
        loaded.problem().ifPresent(problem -> {
            status.show(problem);
            javafx.application.Platform.runLater(() -> errors.report("Settings",
                    new com.endpointstudio.core.error.StudioException(problem)));
        });
    }

    private final ConsoleViewModel console;
    private final MetricsViewModel metrics;
    private final com.endpointstudio.ui.transform.TransformRunModel transformRun;
    private final EndpointsViewModel endpoints;
    private java.util.function.Consumer<String> documents = url -> { };

    /** How links (log pages, log files) are opened: the application's host services. */
    public void useDocumentOpener(java.util.function.Consumer<String> opener) {
        this.documents = opener;
    }

    public ConsoleViewModel console() {
        return console;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    public EndpointsViewModel endpoints() {
        return endpoints;
    }

    /** Releases what the screens hold open (the console's AWS session). */
    public void close() {
        console.close();
        metrics.close();
        endpoints.close();
        transformRun.close();
    }

    public Scene createScene() {
        Scene scene = new Scene(root);
        // Files dropped on any screen go to the packaging wizard, which opens to receive them.
        scene.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(event -> {
            if (event.getDragboard().hasFiles()) {
                shell.show("package");
                packaging.drop(event.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
                event.setDropCompleted(true);
            }
        });
        scene.getStylesheets().addAll(
                Objects.requireNonNull(getClass().getResource("/css/controlsfx-bridge.css")).toExternalForm(),
                Objects.requireNonNull(getClass().getResource("/css/studio.css")).toExternalForm());
        return scene;
    }

    public DeployViewModel deploy() {
        return deploy;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public Parent root() {
        return root;
    }
}
