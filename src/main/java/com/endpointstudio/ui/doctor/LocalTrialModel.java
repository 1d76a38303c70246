package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.doctor.Reproduction;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.charset.StandardCharsets;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Try it on this computer first": the wizard's spec served on the Local connection (same container
 * behaviour, model data and environment) and sent a sample request, in seconds instead of the ten
 * minutes an endpoint takes to fail on SageMaker.
 */
public final class LocalTrialModel {

    private final LocalRuns runs;
    private final Jobs jobs;
    private final JobSlot slot = new JobSlot();
    private final StringProperty sample = new SimpleStringProperty("");
    private final StringProperty contentType = new SimpleStringProperty("application/json");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();

    public LocalTrialModel(LocalRuns runs, Jobs jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    /**
     * @param source the connection the wizard deploys to: S3 model data is read through it
     */
    public void tryOn(DeploymentSpec spec, Connection source) {
        if (spec == null) {
            outcome.set("Fix the problems on the review page first.");
            return;
        }
        String body = sample.get() == null ? "" : sample.get().strip();
        Reproduction.Payload payload = body.isEmpty() ? null
                : new Reproduction.Payload(body.getBytes(StandardCharsets.UTF_8), contentType.get());
        outcome.set("Serving " + spec.endpoint().name() + " on this computer…");
        failed.set(false);
        slot.start(jobs.job("Try " + spec.endpoint().name() + " on this computer", job ->
                runs.run(spec, source, payload, job)).onSuccess(result -> {
                    failed.set(result.failed());
                    outcome.set(LocalRuns.describe(result) + (result.failed() ? "" : payload == null
                            ? " Give a sample request to call it too." : ""));
                }).onFailure(error -> {
                    failed.set(true);
                    outcome.set("It could not be served on this computer: " + error.getMessage());
                }));
    }

    public void cancel() {
        slot.cancel();
    }

    /** The request to send, as text (JSON, CSV…). */
    public StringProperty sampleProperty() {
        return sample;
    }

    public StringProperty contentTypeProperty() {
        return contentType;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return slot.runningProperty();
    }
}
