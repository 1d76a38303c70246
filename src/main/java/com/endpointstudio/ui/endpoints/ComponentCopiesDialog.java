package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Sets the copies of one of an endpoint's inference components (0 scales it to zero). */
final class ComponentCopiesDialog extends Dialog<ComponentCopiesDialog.Change> {

    record Change(String component, int copies) {
    }

    ComponentCopiesDialog(String endpoint, List<ComponentDescription> components, Window owner) {
        GridPane grid = EndpointDialogs.frame(this, "Copies of an inference component",
                "Copies of the inference components of " + endpoint, owner);
        ComboBox<String> component = new ComboBox<>();
        component.setId("componentChoice");
        components.forEach(c -> component.getItems().add(c.name()));
        Spinner<Integer> copies = new Spinner<>(0, 1000, 1);
        copies.setId("copiesSpinner");
        copies.setEditable(true);
        component.valueProperty().addListener((obs, old, now) -> components.stream().filter(c -> c.name().equals(now))
                .findFirst().map(c -> Optional.ofNullable(c.desiredCopies()).orElse(1))
                .ifPresent(n -> copies.getValueFactory().setValue(n)));
        if (!components.isEmpty()) {
            component.setValue(components.get(0).name());
        }
        grid.addRow(0, new Label("Inference component"), component);
        grid.addRow(1, new Label("Copies"), copies);
        Label hint = new Label("0 copies scale the component to zero: invocations find no capacity until it has one.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        grid.add(hint, 0, 2, 2, 1);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> button == ButtonType.OK && component.getValue() != null
                ? new Change(component.getValue(), copies.getValue()) : null);
    }
}
