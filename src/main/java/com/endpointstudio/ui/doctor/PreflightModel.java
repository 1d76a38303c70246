package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.doctor.Doctor;
import com.endpointstudio.core.doctor.DoctorFinding;
import com.endpointstudio.core.doctor.DoctorReport;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.packaging.Severity;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Plural;
import com.endpointstudio.ui.common.Jobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy doctor in the wizard's review: examines the spec as a job (its model data read where it
 * is, an S3 archive streamed with progress), lists the findings, and holds Deploy back while it
 * checks and while an error stands. A newer spec cancels the examination of the one before.
 */
public final class PreflightModel {

    private final Supplier<Doctor> doctor;
    private final HostingProvider hosting;
    private final Jobs jobs;
    private final JobSlot slot = new JobSlot();
    private final ObservableList<DoctorFinding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("The deploy doctor checks the model when "
            + "the review opens.");
    private final ReadOnlyBooleanWrapper blocking = new ReadOnlyBooleanWrapper();
    private DeploymentSpec examined;
    private Connection examinedOn;
    /**
     * What waits for the examination under way (a Deploy clicked meanwhile). Withdrawn when the spec
     * changes or stops passing before the examination ends: it was for the spec as it was.
     */
    private Runnable pending;
    /** Why a Deploy that waited for the doctor did not go ahead, until the next one is clicked. */
    private final ReadOnlyStringWrapper withdrawn = new ReadOnlyStringWrapper();

    /** @param doctor made on the job's thread (it reads the catalogs and finds Python) */
    public PreflightModel(Supplier<Doctor> doctor, HostingProvider hosting, Jobs jobs) {
        this.doctor = doctor;
        this.hosting = hosting;
        this.jobs = jobs;
    }

    /** Examines {@code spec} for {@code connection}, unless these findings are already about it. */
    public void examine(DeploymentSpec spec, Connection connection) {
        if (spec == null || connection == null) {
            withdrawPending(); // before the cancel, whose end would run it
            slot.cancel();
            examined = null;
            findings.clear();
            blocking.set(false);
            summary.set("The deploy doctor checks the model once the fields above pass.");
            return;
        }
        if (spec.equals(examined) && Objects.equals(connection, examinedOn)) {
            return;
        }
        examined = spec;
        examinedOn = connection;
        withdrawPending();
        findings.clear();
        blocking.set(false);
        summary.set("Checking the model data, handlers, imports and instance…");
        boolean s3 = Doctor.targets(spec).stream().anyMatch(e -> e.location() != null && e.location().startsWith("s3://"));
        slot.start(jobs.job("Check " + spec.endpoint().name() + " with the deploy doctor", job -> {
            ProgressListener progress = (done, total) -> job.progress(total > 0 ? (double) done / total : -1);
            if (!s3) {
                return doctor.get().examine(spec, null, null, progress, job.cancelToken());
            }
            try (HostingProvider.Session session = hosting.open(connection)) {
                return doctor.get().examine(spec, session.hosting().modelData(), null, progress, job.cancelToken());
            }
        }).quietly().onSuccess(this::show).onFailure(error -> {
            summary.set("The deploy doctor could not examine the model: " + error.getMessage());
            blocking.set(false);
        }).whenDone(this::runPending));
    }

    /** Examines the same spec again (after the model data changed on disk, say). */
    public void examineAgain() {
        DeploymentSpec spec = examined;
        Connection connection = examinedOn;
        examined = null;
        examine(spec, connection);
    }

    private void show(List<DoctorReport> reports) {
        List<DoctorFinding> all = new ArrayList<>();
        for (DoctorReport report : reports) {
            String prefix = reports.size() > 1 ? report.subject().split(":")[0] + " · " : "";
            report.findings().forEach(f -> all.add(prefix.isEmpty() ? f : new DoctorFinding(f.severity(), f.check(),
                    prefix + f.subject(), f.message(), f.source(), f.fix())));
        }
        findings.setAll(all);
        long errors = all.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = all.stream().filter(f -> f.severity() == Severity.WARNING).count();
        blocking.set(errors > 0);
        summary.set(errors > 0 ? "The deploy doctor found " + Plural.of(errors, "error") + " that would make the "
                + "endpoint fail: fix them before deploying." : warnings > 0 ? "The deploy doctor found "
                + Plural.of(warnings, "warning") + "; nothing that stops the deployment."
                : "The deploy doctor found nothing that would make it fail.");
    }

    /** Runs {@code action} once the examination under way ends (at once when none is). */
    public void whenExamined(Runnable action) {
        withdrawn.set(null);
        if (slot.isRunning()) {
            pending = action;
        } else {
            action.run();
        }
    }

    private void withdrawPending() {
        if (pending != null) {
            pending = null;
            withdrawn.set("Deploy did not start: the spec changed while the deploy doctor was checking it. "
                    + "Check the review, then click Deploy again.");
        }
    }

    private void runPending() {
        Runnable action = pending;
        pending = null;
        if (action != null) {
            action.run();
        }
    }

    public boolean blocking() {
        return blocking.get();
    }

    /** Why Deploy must wait for the doctor, or null. */
    public String blocker() {
        if (slot.isRunning()) {
            return "The deploy doctor is still checking the model.";
        }
        return blocking.get() ? "The deploy doctor found errors: fix them on the review page first." : null;
    }

    public ObservableList<DoctorFinding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why a Deploy clicked while the doctor checked did not go ahead (the spec changed meanwhile), or null. */
    public ReadOnlyStringProperty withdrawnProperty() {
        return withdrawn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty blockingProperty() {
        return blocking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return slot.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return slot.progressProperty();
    }
}
