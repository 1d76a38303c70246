package com.endpointstudio.app;

import com.endpointstudio.core.doctor.Doctor;
import com.endpointstudio.ui.deploy.ReviewDoctor;
import com.endpointstudio.ui.doctor.DiagnosisModel;
import com.endpointstudio.ui.doctor.LocalRuns;
import com.endpointstudio.ui.doctor.LocalTrialModel;
import com.endpointstudio.ui.doctor.PreflightModel;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.packaging.HandlerTemplates;
import com.endpointstudio.hosting.local.DockerEngine;
import com.endpointstudio.hosting.local.PythonInterpreter;
import com.endpointstudio.ui.common.DialogErrorReporter;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.RecentEndpoints;
import com.endpointstudio.ui.common.ScreenLifecycle;
import com.endpointstudio.ui.common.Views;
import com.endpointstudio.ui.connections.ConnectionsController;
import com.endpointstudio.ui.connections.ConnectionsViewModel;
import com.endpointstudio.ui.console.ConsoleController;
import com.endpointstudio.ui.console.ConsoleViewModel;
import com.endpointstudio.ui.deploy.DeployController;
import com.endpointstudio.ui.deploy.DeployRun;
import com.endpointstudio.ui.deploy.DeployViewModel;
import com.endpointstudio.ui.deploy.UnfinishedDeployments;
import com.endpointstudio.ui.recommend.RecommendLeftovers;
import com.endpointstudio.ui.endpoints.EndpointsController;
import com.endpointstudio.ui.endpoints.EndpointsViewModel;
import com.endpointstudio.ui.metrics.MetricsController;
import com.endpointstudio.ui.metrics.MetricsViewModel;
import com.endpointstudio.ui.packaging.PackagingController;
import com.endpointstudio.ui.packaging.PackagingViewModel;
import com.endpointstudio.ui.settings.SettingsController;
import com.endpointstudio.ui.settings.SettingsModel;
import com.endpointstudio.ui.settings.SettingsViewModel;
import com.endpointstudio.ui.settings.ThemeManager;
import com.endpointstudio.ui.shell.Screen;
import com.endpointstudio.ui.shell.ShellController;
import com.endpointstudio.ui.shell.ShellViewModel;
import com.endpointstudio.ui.transform.TransformController;
import com.endpointstudio.ui.transform.TransformRunModel;
import com.endpointstudio.ui.transform.TransformViewModel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/**
 * Wires the main window from the services and what start-up read: view models, screens and the
 * shell. Nothing here reads a file or calls a host: what is not read yet arrives as a future and
 * the screens that need it take it when it comes. The application and the UI tests both build
 * the window through here.
 */
public final class StudioWindow {

    private final Jobs jobs;
    private final ShellViewModel shell;
    private final PackagingViewModel packaging;
    private final CompletableFuture<DeployViewModel> deploy;
    private final ConsoleViewModel console;
    private final MetricsViewModel metrics;
    private final EndpointsViewModel endpoints;
    private final TransformRunModel transformRun;
    private final TransformViewModel transform;
    private final Parent root;
    private final StudioStartup startup;
    private Consumer<String> documents = url -> { };
    private final List<Runnable> afterFirstFrame = new java.util.ArrayList<>();

    public StudioWindow(StudioServices services, StudioStartup startup, Stage stage) {
        DialogErrorReporter errors = new DialogErrorReporter(() -> stage);
        errors.installAsUncaughtHandler();
        errors.useLog(services.paths().logDir().resolve("endpoint-studio.log"), url -> documents.accept(url));
        jobs = Jobs.onFxThread(services.background(), errors);
        this.startup = startup;
        var loaded = startup.settings();
        SettingsModel settings = new SettingsModel(loaded.settings(), services.settingsStore(), jobs);
        ThemeManager.follow(settings);
        if (loaded.firstStart()) {
            // Remember the detected connections, so a later change of environment doesn't move them.
            settings.update(s -> s);
        }
        ConnectionsViewModel connections = new ConnectionsViewModel(settings, services.connectionTester(), jobs);
        services.serveLocalEndpoints();
        services.usePythonInterpreter(settings.get().pythonInterpreter());
        services.useDockerRuntime(settings.get().dockerRuntime());
        services.useS3ConnectionForLocal(settings.get().localS3Connection().orElse(null));
        settings.settingsProperty().addListener((obs, old, now) -> {
            services.usePythonInterpreter(now.pythonInterpreter());
            services.useDockerRuntime(now.dockerRuntime());
            services.useS3ConnectionForLocal(now.localS3Connection().orElse(null));
        });
        SettingsViewModel settingsView = settingsView(settings, services);
        HostingProvider hosting = services.hostingProvider();
        DeploymentJournal journal = new DeploymentJournal(services.paths().dataDir().resolve("deployments"));

        packaging = new PackagingViewModel(services.packager(), new HandlerTemplates(), jobs);
        DeployRun deployRun = new DeployRun(hosting, journal, Duration.ofSeconds(10), jobs);
        LocalRuns localRuns = new LocalRuns(hosting, journal, services.localRoot().resolve("reproductions"));
        ReviewDoctor reviewDoctor = new ReviewDoctor(new PreflightModel(() -> new Doctor(services.preflight()), hosting,
                jobs), new LocalTrialModel(localRuns, jobs));
        deployRun.useLocalRuntime(services::localRuntimeUrl);
        deployRun.useHistory(() -> startup.history().join().entries());
        // made off the FX thread once the catalogs are read: it resolves images and checks the draft at once
        deploy = startup.images().thenCombineAsync(startup.instances(), (images, instances) -> {
            DeployViewModel made = new DeployViewModel(() -> {
                Connection active = connections.activeProperty().get();
                return active == null ? null : active.region();
            }, images, instances, jobs);
            made.useRunner(deployRun, () -> connections.activeProperty().get());
            made.useDoctor(reviewDoctor);
            return made;
        }, services.background());
        console = new ConsoleViewModel(hosting, services::localRuntimeUrl, startup.history(),
                id -> connections.connections().stream().filter(c -> c.id().equals(id)).findFirst()
                        .map(Connection::label).orElse(null), jobs);
        console.useLocalRoot(() -> services.localRoot().toString());
        if (services.isCurrentUsers()) { // a load generator finds the same folders and AWS configuration
            console.loadTest().useGenerator(com.endpointstudio.cli.LoadGeneratorProcess.of(
                    services.localRoot().resolve("load-tests"), java.util.Map.of(), services::localRuntimeUrl));
        }
        metrics = new MetricsViewModel(hosting, () -> startup.history().join().entries(), jobs);
        RecentEndpoints recent = new RecentEndpoints();
        console.useRecent(recent);
        metrics.useRecent(recent);
        deployRun.inServiceProperty().addListener((obs, old, made) -> {
            if (made != null) {
                recent.remember(deployRun.connectionProperty().get(), made.endpoint().name());
            }
        });
        deployRun.onNextSteps(request -> {
            shell().show("console");
            console.useRequest(request);
        }, endpoint -> {
            shell().show("metrics");
            metrics.useEndpoint(endpoint);
        });
        metrics.useLoadTestLatency(console.loadTest()::latencyPoints);
        endpoints = new EndpointsViewModel(hosting, startup.instances(), journal,
                services.paths().dataDir().resolve("endpoint-updates.json"), jobs);
        endpoints.useDiagnosis(new DiagnosisModel(hosting, localRuns, jobs));
        transformRun = new TransformRunModel(hosting, Duration.ofSeconds(15), Duration.ofMillis(300),
                () -> startup.instances().join(), jobs);
        transform = new TransformViewModel(transformRun, () -> startup.instances().join(),
                () -> startup.images().join(), jobs, java.time.Clock.systemUTC());

        shell = new ShellViewModel(screens(services, connections, settingsView), connections, settingsView,
                jobs.status());
        wire();
        root = Views.load("shell.fxml", new ShellController(shell));
        // Once the first frame is drawn, not competing with it for the CPU: the local runtime server, the
        // Local endpoints that were running, and the journal's reads (300 runs take a few hundred ms).
        afterFirstFrame.add(() -> startLocalHosting(services, connections));
        afterFirstFrame.add(() -> UnfinishedDeployments.offer(deployRun, jobs, id -> settings.get().connection(id),
                () -> shell.show("deploy"), stage));
        RecommendLeftovers leftovers = new RecommendLeftovers(hosting, journal, jobs);
        afterFirstFrame.add(() -> {
            leftovers.cleanUp(connections.activeProperty().get());
            connections.activeProperty().addListener((obs, old, now) -> leftovers.cleanUp(now));
        });
        loaded.problem().ifPresent(problem -> Platform.runLater(() -> errors.warn("Settings", problem)));
        startup.history().thenAcceptAsync(history -> history.problems().forEach(problem ->
                errors.warn("Console history", problem)), jobs.fx());
    }

    private List<Screen> screens(StudioServices services, ConnectionsViewModel connections,
                                 SettingsViewModel settingsView) {
        ScreenLifecycle deploying = new ScreenLifecycle() {
            @Override
            public void connectionChanged(Connection now) {
                deploy.thenAcceptAsync(model -> model.connectionChanged(now), jobs.fx());
            }
        };
        return List.of(
                new Screen("package", "Package", Feather.PACKAGE, () -> Views.load("packaging.fxml",
                        new PackagingController(packaging))),
                new Screen("deploy", "Deploy", Feather.UPLOAD_CLOUD, deploying, () -> Views.later(deploy,
                        model -> Views.load("deploy.fxml", new DeployController(model)), jobs.fx())),
                new Screen("endpoints", "Endpoints", Feather.LIST, endpoints, () -> Views.load("endpoints.fxml",
                        new EndpointsController(endpoints))),
                new Screen("console", "Console", Feather.TERMINAL, console, () -> Views.load("console.fxml",
                        new ConsoleController(console, url -> documents.accept(url)))),
                new Screen("metrics", "Metrics", Feather.ACTIVITY, metrics, () -> Views.load("metrics.fxml",
                        new MetricsController(metrics))),
                new Screen("transform", "Batch transform", Feather.LAYERS, transform, () -> Views.load(
                        "transform.fxml", new TransformController(transform))),
                new Screen("connections", "Connections", Feather.SERVER, () -> Views.load("connections.fxml",
                        new ConnectionsController(connections, services.profiles(), jobs))),
                new Screen("settings", "Settings", Feather.SETTINGS, () -> Views.load("settings.fxml",
                        new SettingsController(settingsView))));
    }

    /** What one screen hands to another: an artifact to deploy or add, an endpoint to call or chart. */
    private void wire() {
        packaging.build().onDeploy(result -> deploy.thenAcceptAsync(model -> {
            model.useModelData(result.output(), packaging.build().uncompressedProperty().get(),
                    packaging.build().builtProgram());
            shell.show("deploy");
        }, jobs.fx()));
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
        endpoints.onOpenSpec(spec -> deploy.thenAcceptAsync(model -> {
            model.draft().load(spec);
            model.stepProperty().set(com.endpointstudio.ui.deploy.DeployViewModel.Step.REVIEW);
            shell.show("deploy");
        }, jobs.fx()));
        console.onShowMetrics(endpoint -> {
            shell.show("metrics");
            metrics.useEndpoint(endpoint);
        });
    }

    private SettingsViewModel settingsView(SettingsModel settings, StudioServices services) {
        SettingsViewModel view = new SettingsViewModel(settings, services.paths());
        view.usePythonProbe(chosen -> {
            var python = PythonInterpreter.detect(chosen);
            return "Python " + python.version() + " (" + python.command() + ")";
        }, jobs);
        view.useDockerProbe(() -> {
            var docker = DockerEngine.probe();
            return new SettingsViewModel.DockerCheck(docker.available(), docker.available()
                    ? "Docker runtime: available (" + docker.detail() + "). Custom images run under Docker; framework "
                    + "images too when chosen below."
                    : "Docker runtime: unavailable (" + docker.detail() + "). Local endpoints use the Python runtime; "
                    + "custom images can't be served on this computer.");
        });
        return view;
    }

    /** Opens the local runtime server and starts again the Local endpoints that were running. */
    private void startLocalHosting(StudioServices services, ConnectionsViewModel connections) {
        jobs.job("Start the local runtime", job -> services.localRuntime().url()).quietly()
                .onSuccess(connections.localRuntimeUrlProperty()::set)
                .onFailure(error -> jobs.status().show(error.getMessage())).start();
        jobs.job("Start Local endpoints again", job -> {
            if (java.nio.file.Files.isDirectory(services.localRoot().resolve("endpoints"))) {
                services.localHost().restore(line -> { });
            }
            return null;
        }).onFailure(error -> jobs.status().show("Local endpoints could not all be started again: "
                + error.getMessage())).start();
    }

    /** How links (log pages, log files) are opened: the application's host services. */
    public void useDocumentOpener(Consumer<String> opener) {
        this.documents = opener;
    }

    public PackagingViewModel packaging() {
        return packaging;
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

    /** The deploy wizard's view model, once the catalogs are read (waits for them). */
    public DeployViewModel deploy() {
        return deploy.join();
    }

    /** Releases what the screens hold open (their AWS sessions) and stops their jobs. */
    public void close() {
        console.close();
        metrics.close();
        endpoints.close();
        transformRun.close();
    }

    public Scene createScene() {
        Scene scene = new Scene(root);
        // the history and catalogs are read, and the rest started, once the shell's first frame is drawn
        FirstFrame.afterDrawn(() -> {
            startup.readInBackground();
            afterFirstFrame.forEach(Runnable::run);
            afterFirstFrame.clear();
        });
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

    public ShellViewModel shell() {
        return shell;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Parent root() {
        return root;
    }
}
