package com.endpointstudio.ui.transform;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.export.TransformExport;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.transform.TransformSources;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.StatusModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Batch transform screen's form: the draft, checked on every change off the FX thread (the newest
 * check wins), the cost estimate, the spec file read in the background, the exports; and the run
 * ({@link TransformRunModel}) it starts on the active connection.
 */
public final class TransformViewModel {

    private final TransformDraft draft = new TransformDraft();
    private final Supplier<Connection> connection;
    private final InstanceCatalog instances;
    private final ImageCatalog images;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;
    private final Clock clock;
    private final TransformRunModel run;
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TransformCheck> checked = new ReadOnlyObjectWrapper<>();
    private final AtomicLong generation = new AtomicLong();
    private final BooleanBinding canStart;

    public TransformViewModel(TransformRunModel run, Supplier<Connection> connection, InstanceCatalog instances,
                              ImageCatalog images, Background background, ErrorReporter errors, StatusModel status,
                              Clock clock) {
        this.run = run;
        this.connection = connection;
        this.instances = instances;
        this.images = images;
        this.background = background;
        this.errors = errors;
        this.status = status;
        this.clock = clock;
        this.canStart = Bindings.createBooleanBinding(() -> checked.get() != null && checked.get().valid()
                && !run.runningProperty().get(), checked, run.runningProperty());
        draft.all().forEach(property -> property.addListener(ignored -> revalidate()));
        draft.specFile.addListener((obs, old, now) -> readSpec());
    }

    public TransformDraft draft() {
        return draft;
    }

    public TransformRunModel run() {
        return run;
    }

    /** "Field: what is wrong", for every problem of the form. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TransformCheck> checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** Checks the form as it is now; only the newest check's result is shown. */
    public void revalidate() {
        Connection target = connection.get();
        if (target == null) {
            problems.setAll("Connection: choose one in Connections");
            checked.set(null);
            return;
        }
        long mine = generation.incrementAndGet();
        TransformDraft.Values values = draft.values(TransformSources.jobName(draft.model(), clock.instant()));
        background.run(() -> TransformCheck.of(values, target, instances, images), check -> {
            if (mine == generation.get()) {
                checked.set(check);
                problems.setAll(check.problems());
                cost.set(check.cost());
            }
        }, error -> {
            if (mine == generation.get()) {
                problems.setAll("Check: " + error.getMessage());
                checked.set(null);
            }
        });
    }

    /** Reads the spec file's Model (the endpoint's, or the only one) in the background. */
    private void readSpec() {
        String file = draft.specFile.get();
        draft.specModel.set(null);
        draft.specProblem.set("");
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file.strip());
        background.run(() -> TransformSources.modelOf(SpecFiles.withLocalPathsFrom(SpecFiles.read(path),
                path.toAbsolutePath().getParent()), null), model -> {
                    if (file.equals(draft.specFile.get())) {
                        draft.specModel.set(model);
                    }
                }, error -> {
                    if (file.equals(draft.specFile.get())) {
                        draft.specProblem.set(error.getMessage());
                    }
                });
    }

    /** Writes an exported script (atomically) off the FX thread. */
    public void save(Path file, String script) {
        background.run(() -> {
            com.endpointstudio.core.io.AtomicFiles.write(file, script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return file;
        }, saved -> status.show("Saved " + saved), error -> errors.report("Save " + file.getFileName(), error));
    }

    /** Starts the checked job on the active connection. */
    public void start() {
        TransformCheck check = checked.get();
        Connection target = connection.get();
        if (check == null || !check.valid() || target == null) {
            return;
        }
        run.start(check.job(), check.model(), target);
    }

    /**
     * The job as a boto3 script ({@code boto3} true) or AWS CLI commands, written off the FX thread (the
     * uploads' keys hash the local files); the text goes to {@code onScript} with its file name.
     */
    public void export(boolean boto3, java.util.function.BiConsumer<String, String> onScript) {
        TransformCheck check = checked.get();
        if (check == null) {
            return;
        }
        Runnable done = status.begin("Exporting the transform job…");
        background.run(() -> {
            TransformExport export = new TransformExport(check.job(), check.model());
            return new String[] {export.fileName(boto3 ? "py" : "sh"), boto3 ? export.boto3() : export.awsCli()};
        }, script -> {
            done.run();
            onScript.accept(script[0], script[1]);
        }, error -> {
            done.run();
            errors.report("Export the transform job", error);
        });
    }
}
