package com.endpointstudio.ui.packaging;

import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.LatestValue;
import java.nio.file.Path;
import java.time.Duration;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Step 3 of the packaging wizard: output, compression, the running build and its result. */
public final class BuildModel {

    private final PackagingViewModel wizard;
    private final ModelPackager packager;
    private final Jobs jobs;
    private final JobSlot building = new JobSlot();

    private final StringProperty output = new SimpleStringProperty(
            Path.of(System.getProperty("user.home"), "model.tar.gz").toString());
    private final ObjectProperty<Compression> compression = new SimpleObjectProperty<>(Compression.FAST);
    private final BooleanProperty uncompressed = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final ObjectProperty<BuildResult> result = new SimpleObjectProperty<>();
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanBinding canBuild;
    private CancelToken token;
    /** The SAGEMAKER_PROGRAM the last built archive needs; empty when it holds no script to run. */
    private java.util.Optional<String> builtProgram = java.util.Optional.empty();
    private java.util.function.Consumer<BuildResult> deployHandler = result -> { };
    private java.util.function.Consumer<BuildResult> addHandler = result -> { };

    BuildModel(PackagingViewModel wizard, ModelPackager packager, Jobs jobs) {
        this.wizard = wizard;
        this.packager = packager;
        this.jobs = jobs;
        var running = building.runningProperty();
        canBuild = Bindings.createBooleanBinding(() -> !running.get() && !wizard.hasErrorsProperty().get()
                        && wizard.inspectionProperty().get() == null && !wizard.tree().isEmpty()
                        && output.get() != null && !output.get().isBlank(),
                running, wizard.hasErrorsProperty(), wizard.inspectionProperty(), wizard.revisionProperty(), output);
        uncompressed.addListener((obs, old, now) -> output.set(swapExtension(output.get(), now)));
    }

    public void start() {
        if (!canBuild.get()) {
            return;
        }
        CancelToken cancel = new CancelToken();
        token = cancel;
        Path target = Path.of(output.get().strip());
        long started = System.nanoTime();
        LatestValue<long[]> ticks = new LatestValue<>(jobs.fx(), t -> showProgress(t[0], t[1], started));
        result.set(null);
        outcome.set("");
        progress.set(0);
        var plan = wizard.tree().toPlan();
        var folders = wizard.inputFolders();
        var program = wizard.program();
        var how = compression.get();
        boolean folder = uncompressed.get();
        Job<BuildResult> job = jobs.job("Build " + target.getFileName(), context -> {
            try (CancelToken.Registration dropped = context.cancelToken().onCancel(cancel::cancel)) {
                return packager.build(plan, folders, target, how, folder,
                        (bytes, total) -> ticks.publish(new long[] {bytes, total}), cancel);
            }
        });
        building.start(job.onSuccess(built -> {
            progress.set(1);
            builtProgram = program;
            result.set(built);
            outcome.set("Built " + built.output() + " — " + Sizes.human(built.bytes()) + " in "
                    + Sizes.duration(built.elapsed()));
            jobs.status().show("Built " + built.output().getFileName());
        }).onFailure(error -> {
            progress.set(0);
            outcome.set("Failed: " + error.getMessage());
            jobs.errors().report("Build model archive", error);
        }).whenDone(() -> {
            if (job.isCancelled()) {
                progress.set(0);
                outcome.set("Cancelled; the partial output was removed.");
                jobs.status().show("Build cancelled");
            }
        }));
    }

    /**
     * The entry point the built archive's Model must name in SAGEMAKER_PROGRAM, handed to the deploy
     * wizard with the artifact; empty when the archive has no script (the variable is then left unset).
     */
    public java.util.Optional<String> builtProgram() {
        return builtProgram;
    }

    /** What "Deploy this artifact" does: the window hands the result to the deploy wizard. */
    public void onDeploy(java.util.function.Consumer<BuildResult> handler) {
        this.deployHandler = handler;
    }

    public void deploy() {
        if (result.get() != null) {
            deployHandler.accept(result.get());
        }
    }

    /** What "Add to a multi-model endpoint" does: the window offers the archive to the endpoints screen. */
    public void onAddToEndpoint(java.util.function.Consumer<BuildResult> handler) {
        this.addHandler = handler;
    }

    public void addToEndpoint() {
        if (result.get() != null) {
            addHandler.accept(result.get());
        }
    }

    public void cancel() {
        if (token != null) {
            token.cancel();
        }
    }

    private void showProgress(long bytes, long total, long startedNanos) {
        if (!building.isRunning()) {
            return;
        }
        double fraction = total > 0 ? Math.min(1.0, (double) bytes / total) : -1;
        progress.set(fraction);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        String left = fraction > 0.01
                ? " — about " + Sizes.duration(elapsed.multipliedBy((long) (1000 * (1 - fraction))).dividedBy(
                        (long) (1000 * fraction))) + " left" : "";
        progressText.set(Sizes.human(bytes) + " of " + Sizes.human(total) + left);
    }

    private static String swapExtension(String path, boolean folder) {
        if (path == null) {
            return null;
        }
        if (folder && path.endsWith(".tar.gz")) {
            return path.substring(0, path.length() - ".tar.gz".length());
        }
        if (!folder && !path.endsWith(".tar.gz") && !path.endsWith(".tgz")) {
            return path + ".tar.gz";
        }
        return path;
    }

    public StringProperty outputProperty() {
        return output;
    }

    public ObjectProperty<Compression> compressionProperty() {
        return compression;
    }

    public BooleanProperty uncompressedProperty() {
        return uncompressed;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return building.runningProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public ObjectProperty<BuildResult> resultProperty() {
        return result;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public BooleanBinding canBuildProperty() {
        return canBuild;
    }
}
