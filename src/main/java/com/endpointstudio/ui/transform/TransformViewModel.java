package com.endpointstudio.ui.transform;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.export.TransformExport;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.transform.TransformSources;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.ScreenLifecycle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BiConsumer;
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
 * The Batch transform screen's form: the draft, checked on every change as a job of its own (a newer
 * check supersedes the one before; the checks look at local files), the cost estimate, the spec file
 * read in the background, the exports; and the run ({@link TransformRunModel}) it starts on the active
 * connection, which it follows.
 */
public final class TransformViewModel implements ScreenLifecycle {

    private final TransformDraft draft = new TransformDraft();
    private final TransformRunModel run;
    private final Supplier<InstanceCatalog> instances;
    private final Supplier<ImageCatalog> images;
    private final Jobs jobs;
    private final Clock clock;
    private final JobSlot checking = new JobSlot();
    private final JobSlot reading = new JobSlot();
    private final ObservableList<FieldError> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TransformCheck> checked = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canStart;
    private Connection connection;

    /** @param instances / images the catalogs, read in the background at start (call off the FX thread) */
    public TransformViewModel(TransformRunModel run, Supplier<InstanceCatalog> instances, Supplier<ImageCatalog> images,
                              Jobs jobs, Clock clock) {
        this.run = run;
        this.instances = instances;
        this.images = images;
        this.jobs = jobs;
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

    /** Every problem of the form, each naming its field as the form labels it. */
    public ObservableList<FieldError> problems() {
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

    /** The job is checked against the new connection's hosting and region; a finished run of the old one goes. */
    @Override
    public void connectionChanged(Connection now) {
        connection = now;
        run.connectionChanged(now);
        revalidate();
    }

    /** Checks the form as it is now; a newer check supersedes this one. */
    public void revalidate() {
        Connection target = connection;
        if (target == null) {
            checking.cancel();
            problems.setAll(new FieldError("Connection", "choose one in Connections"));
            checked.set(null);
            return;
        }
        TransformDraft.Values values = draft.values(TransformSources.jobName(draft.model(), clock.instant()));
        checking.start(jobs.job("Check the transform job", work -> TransformCheck.of(values, target, instances.get(),
                images.get())).quietly().onSuccess(check -> {
                    checked.set(check);
                    problems.setAll(check.problems());
                    cost.set(check.cost());
                }).onFailure(error -> {
                    problems.setAll(new FieldError("Check", String.valueOf(error.getMessage())));
                    checked.set(null);
                }));
    }

    /** Reads the spec file's Model (the endpoint's, or the only one) in the background. */
    private void readSpec() {
        String file = draft.specFile.get();
        draft.specModel.set(null);
        draft.specProblem.set("");
        if (file == null || file.isBlank()) {
            reading.cancel();
            return;
        }
        Path path = Path.of(file.strip());
        reading.start(jobs.job("Read " + path.getFileName(), work -> TransformSources.modelOf(
                SpecFiles.withLocalPathsFrom(SpecFiles.read(path), path.toAbsolutePath().getParent()), null))
                .quietly().onSuccess(draft.specModel::set)
                .onFailure(error -> draft.specProblem.set(error.getMessage())));
    }

    /** Starts the checked job on the active connection. */
    public void start() {
        TransformCheck check = checked.get();
        if (check == null || !check.valid() || connection == null) {
            return;
        }
        run.start(check.job(), check.model(), connection);
    }

    /**
     * The job as a boto3 script ({@code boto3} true) or AWS CLI commands, written off the FX thread (the
     * uploads' keys hash the local files); the file name and text go to {@code onScript}.
     */
    public void export(boolean boto3, BiConsumer<String, String> onScript) {
        TransformCheck check = checked.get();
        if (check == null) {
            return;
        }
        jobs.job("Export the transform job", work -> {
            TransformExport export = new TransformExport(check.job(), check.model());
            return new String[] {export.fileName(boto3 ? "py" : "sh"), boto3 ? export.boto3() : export.awsCli()};
        }).onSuccess(script -> onScript.accept(script[0], script[1])).start();
    }

    /** Writes an exported script (atomically) off the FX thread. */
    public void save(Path file, String script) {
        jobs.job("Save " + file.getFileName(), work -> {
            AtomicFiles.write(file, script.getBytes(StandardCharsets.UTF_8));
            return file;
        }).onSuccess(saved -> jobs.status().show("Saved " + saved)).start();
    }
}
