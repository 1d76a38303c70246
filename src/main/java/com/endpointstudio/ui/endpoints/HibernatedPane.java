package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.endpoints.Hibernation;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The connection's hibernated endpoints above the table, each with what it saves a day and a Wake button. */
final class HibernatedPane extends FlowPane {

    private final HibernationModel model;
    private final Consumer<Hibernation.Record> wake;

    HibernatedPane(HibernationModel model, Consumer<Hibernation.Record> wake) {
        super(8, 6);
        this.model = model;
        this.wake = wake;
        setId("hibernatedPane");
        setAlignment(Pos.CENTER_LEFT);
        model.sleeping().addListener((ListChangeListener<Hibernation.Record>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        setVisible(!model.sleeping().isEmpty());
        setManaged(isVisible());
        if (model.sleeping().isEmpty()) {
            return;
        }
        Label title = new Label("Hibernated");
        title.getStyleClass().add("title-4");
        getChildren().add(title);
        for (Hibernation.Record record : model.sleeping()) {
            Label what = new Label(HibernationModel.describe(record));
            what.setMinWidth(Region.USE_PREF_SIZE);
            Button button = new Button("Wake");
            button.setId("wake-" + record.name());
            button.getStyleClass().add("small");
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setTooltip(new Tooltip("Creates " + record.name() + " again from " + record.configName()
                    + " with its tags, waits for InService and applies its autoscaling"));
            button.disableProperty().bind(model.busyProperty());
            button.setOnAction(event -> wake.accept(record));
            HBox line = new HBox(6, what, button);
            line.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(line);
        }
    }
}
