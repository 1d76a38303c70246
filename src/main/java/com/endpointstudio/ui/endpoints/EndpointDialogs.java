package com.endpointstudio.ui.endpoints;

import javafx.geometry.Insets;
import javafx.scene.control.Dialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The common frame of the endpoint dialogs: titles, owner, and a padded grid as their content. */
final class EndpointDialogs {

    private EndpointDialogs() {
    }

    static GridPane frame(Dialog<?> dialog, String title, String header, Window owner) {
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(grid);
        return grid;
    }
}
