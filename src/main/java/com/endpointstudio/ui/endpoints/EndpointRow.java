package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.endpoints.EndpointDetails;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the endpoints table; its details, invocations and cost arrive after the list. */
public final class EndpointRow {

    private final String name;
    private final Instant createdAt;
    final StringProperty status = new SimpleStringProperty("");
    final ObjectProperty<EndpointDetails> details = new SimpleObjectProperty<>();
    final ObjectProperty<Double> calls = new SimpleObjectProperty<>();
    final ObjectProperty<Double> hourly = new SimpleObjectProperty<>();
    final BooleanProperty idle = new SimpleBooleanProperty();
    final ObjectProperty<Double> idleCost = new SimpleObjectProperty<>();

    EndpointRow(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
        details.addListener((obs, old, now) -> {
            if (now != null) {
                status.set(now.status());
            }
        });
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastModified() {
        return details.get() == null ? null : details.get().lastModifiedAt();
    }

    public String kind() {
        return details.get() == null ? "" : details.get().kind().name().toLowerCase(Locale.ROOT);
    }

    public String capacity() {
        return details.get() == null ? "" : details.get().capacity();
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<EndpointDetails> detailsProperty() {
        return details;
    }

    public ObjectProperty<Double> callsProperty() {
        return calls;
    }

    public ObjectProperty<Double> hourlyProperty() {
        return hourly;
    }

    public BooleanProperty idleProperty() {
        return idle;
    }

    public ObjectProperty<Double> idleCostProperty() {
        return idleCost;
    }
}
