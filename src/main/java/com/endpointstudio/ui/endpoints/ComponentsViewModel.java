package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.ErrorReporter;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inference components of the selected endpoint on the Endpoints screen: listed with their
 * status and copies, and a component's copies set (UpdateInferenceComponentRuntimeConfig; 0 scales
 * it to zero).
 */
public final class ComponentsViewModel implements AutoCloseable {

    private final ConnectionSession sessions;
    private final Supplier<Connection> connection;
    private final Background background;
    private final ErrorReporter errors;
    private final ObservableList<ComponentDescription> components = FXCollections.observableArrayList();
    private final StringProperty text = new SimpleStringProperty("");
    private String endpoint;

    public ComponentsViewModel(HostingProvider hosting, Supplier<Connection> connection, Background background,
                               ErrorReporter errors) {
        this.sessions = new ConnectionSession(hosting);
        this.connection = connection;
        this.background = background;
        this.errors = errors;
    }

    /** Reads the components of an endpoint (none for endpoints of other shapes). */
    public void show(String endpointName) {
        endpoint = endpointName;
        components.clear();
        text.set("");
        Connection target = connection.get();
        if (endpointName == null || target == null) {
            return;
        }
        background.run(() -> sessions.of(target).hosting().control().listInferenceComponents(endpointName), found -> {
            if (endpointName.equals(endpoint)) {
                components.setAll(found);
                text.set(describe(found));
            }
        }, error -> errors.report("List the inference components of " + endpointName, error));
    }

    /** Sets a component's copies, then reads the components again. */
    public void setCopies(String component, int copies) {
        Connection target = connection.get();
        String shown = endpoint;
        background.run(() -> {
            sessions.of(target).hosting().control().updateInferenceComponentCopies(component, copies);
            return null;
        }, done -> show(shown), error -> errors.report("Set the copies of " + component, error));
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

    @Override
    public void close() {
        sessions.close();
    }
}
