package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Changes a variant's instance type or count, or shifts traffic between variants. A new instance
 * type means a new endpoint config and UpdateEndpoint; weights and counts alone change in place.
 */
final class UpdateEndpointDialog extends Dialog<List<EndpointUpdates.VariantChange>> {

    /** @param local an endpoint on this computer: one model server per variant, so only the weights change */
    UpdateEndpointDialog(EndpointDetails endpoint, List<String> instanceTypes, boolean local, Window owner) {
        GridPane grid = EndpointDialogs.frame(this, "Update endpoint", "Update " + endpoint.name(), owner);
        grid.addRow(0, new Label("Variant"), new Label("Instance type"), new Label("Instances"), new Label("Weight"));
        List<Runnable> collect = new ArrayList<>();
        List<EndpointUpdates.VariantChange> changes = new ArrayList<>();
        int row = 1;
        for (EndpointDetails.Variant variant : endpoint.variants()) {
            ComboBox<String> type = new ComboBox<>();
            type.setEditable(true);
            type.getItems().setAll(instanceTypes);
            type.setValue(variant.instanceType());
            type.setDisable(variant.serverless() || local);
            type.setId("type-" + variant.name());
            int current = variant.desiredCount() == null ? 1 : variant.desiredCount();
            Spinner<Integer> count = new Spinner<>(1, 1000, current);
            count.setEditable(true);
            count.setDisable(variant.serverless() || local);
            count.setId("count-" + variant.name());
            TextField weight = new TextField(Double.toString(variant.weight()));
            weight.setId("weight-" + variant.name());
            grid.addRow(row++, new Label(variant.name()), type, count, weight);
            collect.add(() -> {
                String newType = type.getValue() == null || type.getValue().equals(variant.instanceType()) ? null
                        : type.getValue().strip();
                Integer newCount = count.getValue() == current ? null : count.getValue();
                Double newWeight;
                try {
                    double parsed = Double.parseDouble(weight.getText().strip());
                    newWeight = parsed == variant.weight() ? null : parsed;
                } catch (NumberFormatException e) {
                    throw new com.endpointstudio.core.error.ValidationException("Weight", "'" + weight.getText()
                            + "' is not a number");
                }
                if (newType != null || newCount != null || newWeight != null) {
                    changes.add(new EndpointUpdates.VariantChange(variant.name(), newType, newCount, newWeight));
                }
            });
        }
        Label note = new Label(local ? "Weights change in place: the next calls follow them. A variant on this "
                + "computer is one model server, whatever its instance type and count."
                : "A new instance type creates a new endpoint config and switches the endpoint to it "
                + "(blue/green, no downtime); weights and counts change in place.");
        note.setWrapText(true);
        grid.add(note, 0, row, 4, 1);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        com.endpointstudio.ui.common.WholeText.in(grid);
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            changes.clear();
            collect.forEach(Runnable::run);
            return List.copyOf(changes);
        });
    }
}
