package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.doctor.Forensics;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Why a Failed endpoint failed, on the Endpoints screen: its failure reason and log read for the
 * known fatal lines and the last traceback (CloudWatch Logs on AWS, the log on disk for Local), and
 * "reproduce on this computer" — the same model served on Local, failing in seconds.
 */
public final class DiagnosisModel {

    private final HostingProvider hosting;
    private final LocalRuns runs;
    private final Jobs jobs;
    private final JobSlot diagnosing = new JobSlot();
    private final JobSlot reproducing = new JobSlot();
    private final ReadOnlyStringWrapper diagnosis = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reproduction = new ReadOnlyStringWrapper("");
    /** An endpoint on AWS: a Local one already runs here, its own log is what the diagnosis reads. */
    private final javafx.beans.property.ReadOnlyBooleanWrapper reproducible =
            new javafx.beans.property.ReadOnlyBooleanWrapper();
    private String endpoint;
    private Connection connection;

    public DiagnosisModel(HostingProvider hosting, LocalRuns runs, Jobs jobs) {
        this.hosting = hosting;
        this.runs = runs;
        this.jobs = jobs;
    }

    /** Diagnoses {@code name} (a Failed endpoint of {@code on}); null clears the panel. */
    public void diagnose(String name, Connection on) {
        if (name != null && name.equals(endpoint) && java.util.Objects.equals(on, connection)) {
            return; // the same endpoint after a refresh of the table: its diagnosis stands
        }
        diagnosing.cancel();
        reproducing.cancel();
        endpoint = name;
        connection = on;
        reproduction.set("");
        reproducible.set(name != null && on != null && !on.isLocal());
        if (name == null || on == null) {
            diagnosis.set("");
            return;
        }
        diagnosis.set("Reading " + name + "'s failure reason and log…");
        diagnosing.start(jobs.job("Diagnose " + name, job -> {
            try (HostingProvider.Session session = hosting.open(on)) {
                var described = session.hosting().control().describeEndpoint(name).orElseThrow(() ->
                        new com.endpointstudio.core.error.StudioException("There is no endpoint " + name + "."));
                return Forensics.diagnose(described.failureReason(), session.hosting().logs().read(name, null).lines());
            }
        }).quietly().onSuccess(found -> diagnosis.set(found.text()))
                .onFailure(error -> diagnosis.set("The diagnosis could not be made: " + error.getMessage())));
    }

    /** Serves the endpoint's model on this computer (its model data downloaded from S3) and shows how it fails. */
    public void reproduce() {
        String name = endpoint;
        Connection on = connection;
        if (name == null || on == null) {
            return;
        }
        if (!reproducible.get()) {
            return;
        }
        reproduction.set("Serving " + name + "'s model on this computer…");
        reproducing.start(jobs.job("Reproduce " + name + " on this computer", job ->
                runs.run(runs.specOf(name, on), on, null, job))
                .onSuccess(result -> reproduction.set(LocalRuns.describe(result) + (result.failed() ? ""
                        : " It did not fail here: the difference lies in what SageMaker gives the container (the "
                        + "instance's memory or accelerator, the execution role, the network).")))
                .onFailure(error -> reproduction.set("It could not be reproduced: " + error.getMessage())));
    }

    public ReadOnlyStringProperty diagnosisProperty() {
        return diagnosis.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reproductionProperty() {
        return reproduction.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reproducingProperty() {
        return reproducing.runningProperty();
    }

    public ReadOnlyBooleanProperty reproducibleProperty() {
        return reproducible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty diagnosingProperty() {
        return diagnosing.runningProperty();
    }
}
