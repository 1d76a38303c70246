package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.instance.Quantities;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks before deleting an endpoint: the user types its name to enable Delete; "also delete its
 * config and models" removes only what the studio created and nothing else still uses.
 */
final class DeleteEndpointDialog extends Dialog<Boolean> {

    static final ButtonType DELETE = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);

    DeleteEndpointDialog(EndpointRow row, Window owner) {
        setTitle("Delete endpoint");
        setHeaderText("Delete " + row.name() + "?");
        if (owner != null) {
            initOwner(owner);
        }
        Label what = new Label("The endpoint stops serving and stops billing"
                + (row.hourlyProperty().get() == null ? "." : " (" + Quantities.usd(row.hourlyProperty().get())
                + " an hour).") + " This can't be undone.");
        what.setWrapText(true);
        TextField confirm = new TextField();
        confirm.setId("confirmNameField");
        confirm.setPromptText(row.name());
        CheckBox cascade = new CheckBox("Also delete its endpoint config and models (only the studio's, and only "
                + "those no other endpoint uses)");
        cascade.setId("cascadeCheck");
        cascade.setWrapText(true);
        VBox content = new VBox(8, what, new Label("Type the endpoint's name to confirm:"), confirm, cascade);
        content.setPadding(new Insets(8));
        content.setPrefWidth(460);
        getDialogPane().setContent(com.endpointstudio.ui.common.WholeText.in(content));
        getDialogPane().getButtonTypes().setAll(DELETE, ButtonType.CANCEL);
        getDialogPane().lookupButton(DELETE).setId("confirmDeleteButton");
        getDialogPane().lookupButton(DELETE).disableProperty().bind(confirm.textProperty().isNotEqualTo(row.name()));
        setResultConverter(button -> button == DELETE ? cascade.isSelected() : null);
    }
}
