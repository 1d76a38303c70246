package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.AwsRegions;
import com.endpointstudio.core.connection.Connection;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import atlantafx.base.theme.Styles;

/** Adds or edits an AWS connection: profile, region and an optional emulator endpoint URL. */
public final class AwsConnectionDialog extends Dialog<Connection> {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    public AwsConnectionDialog(AwsConnectionForm form, boolean editing) {
        setTitle(editing ? "Edit AWS connection" : "Add AWS connection");
        setHeaderText(editing ? "Edit AWS connection" : "Add an AWS connection");
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);

        TextField name = new TextField();
        name.setId("connectionName");
        name.textProperty().bindBidirectional(form.nameProperty());

        ComboBox<String> profile = new ComboBox<>();
        profile.setId("connectionProfile");
        profile.setEditable(true);
        profile.getItems().setAll(form.profileChoices());
        profile.valueProperty().bindBidirectional(form.profileProperty());
        Label profileInfo = new Label();
        profileInfo.getStyleClass().add(Styles.TEXT_MUTED);
        profileInfo.textProperty().bind(form.profileInfoProperty());
        profileInfo.setWrapText(true);

        ComboBox<String> region = new ComboBox<>();
        region.setId("connectionRegion");
        region.setEditable(true);
        region.setPromptText("the profile's region");
        region.getItems().setAll(AwsRegions.all().keySet());
        region.valueProperty().bindBidirectional(form.regionProperty());

        TextField endpoint = new TextField();
        endpoint.setId("connectionEndpointUrl");
        endpoint.setPromptText("optional, e.g. http://127.0.0.1:5000 for an emulator");
        endpoint.textProperty().bindBidirectional(form.endpointUrlProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Profile"), profile);
        grid.add(profileInfo, 1, 2);
        grid.addRow(3, new Label("Region"), region);
        grid.addRow(4, new Label("Endpoint URL"), endpoint);
        for (var field : new javafx.scene.layout.Region[] {name, profile, region, endpoint}) {
            field.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(field, Priority.ALWAYS);
        }

        Label problem = new Label();
        problem.setId("connectionProblem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(form.problemProperty());
        problem.setWrapText(true);

        VBox content = new VBox(12, grid, problem);
        content.setPrefWidth(520);
        getDialogPane().setContent(com.endpointstudio.ui.common.WholeText.in(content));
        getDialogPane().lookupButton(SAVE).disableProperty().bind(form.validProperty().not());
        setResultConverter(button -> button == SAVE ? form.toConnection() : null);
    }
}
