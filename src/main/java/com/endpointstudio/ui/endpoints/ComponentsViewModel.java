package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inference components of the selected endpoint on the Endpoints screen: listed with their
 * status and copies, and a component's copies set (UpdateInferenceComponentRuntimeConfig; 0 scales
 * it to zero).
 */
public final class ComponentsViewModel {

    private final Function<Connection, Hosting> hosting;
    private final Jobs jobs;
    private final JobSlot reading = new JobSlot();
    private final JobSlot changing = new JobSlot();
    private final ObservableList<ComponentDescription> components = FXCollections.observableArrayList();
    private final StringProperty text = new SimpleStringProperty("");
    private Connection connection;
    private String endpoint;

    /** @param hosting the hosting of a connection (called off the FX thread) */
    public ComponentsViewModel(Jobs jobs, Function<Connection, Hosting> hosting) {
        this.jobs = jobs;
        this.hosting = hosting;
    }

    /** Reads the components of an endpoint (none for endpoints of other shapes); a slower read before is dropped. */
    public void show(Connection target, String endpointName) {
        clear();
        connection = target;
        endpoint = endpointName;
        if (endpointName == null || target == null) {
            return;
        }
        reading.start(jobs.job("List the inference components of " + endpointName,
                job -> hosting.apply(target).control().listInferenceComponents(endpointName)).quietly()
                .onSuccess(found -> {
                    components.setAll(found);
                    text.set(describe(found));
                })
                // Most endpoints have none; a host or role that can't list them is no reason for a dialog.
                .onFailure(error -> text.set("The inference components can't be listed: " + error.getMessage())));
    }

    /** Sets a component's copies (UpdateInferenceComponentRuntimeConfig), then reads the components again. */
    public void setCopies(String component, int copies) {
        Connection target = connection;
        String shown = endpoint;
        if (target == null) {
            return;
        }
        changing.start(jobs.job("Set the copies of " + component + " to " + copies, job -> {
            hosting.apply(target).control().updateInferenceComponentCopies(component, copies);
            return component;
        }).onSuccess(done -> show(target, shown)));
    }

    /** Shows nothing (no selection, or the connection changed) and drops a read in progress. */
    void clear() {
        reading.cancel();
        components.clear();
        text.set("");
        connection = null;
        endpoint = null;
    }

    static String describe(List<ComponentDescription> found) {
        if (found.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Inference components\n");
        for (ComponentDescription c : found) {
            out.append("  ").append(c.name()).append(": ").append(c.status()).append(", copies ")
                    .append(c.currentCopies() == null ? "?" : c.currentCopies()).append(" of ")
                    .append(c.desiredCopies() == null ? "?" : c.desiredCopies()).append(", model ").append(c.modelName())
                    .append(" on ").append(c.variantName());
            if (c.failureReason() != null) {
                out.append(" (").append(c.failureReason()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    public ObservableList<ComponentDescription> components() {
        return components;
    }

    /** The components as the details tab lists them (empty when there are none). */
    public StringProperty textProperty() {
        return text;
    }
}
