package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.AwsRegions;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ProfileCatalog;
import com.endpointstudio.ui.common.Jobs;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import atlantafx.base.theme.Styles;

/** The Connections screen: the list, one connection's details, its test, add/edit/remove. */
public final class ConnectionsController {

    private final ConnectionsViewModel model;
    private final ProfileCatalog profiles;
    private final Jobs jobs;

    @FXML private ListView<Connection> connectionList;
    @FXML private Button editButton;
    @FXML private Button removeButton;
    @FXML private Label detailTitle;
    @FXML private Label activeBadge;
    @FXML private VBox localDetails;
    @FXML private Label localRuntimeLabel;
    @FXML private VBox awsDetails;
    @FXML private Label profileValue;
    @FXML private Label regionValue;
    @FXML private Label endpointValue;
    @FXML private Button testButton;
    @FXML private Button useButton;
    @FXML private VBox checkBox;
    @FXML private Label checkState;
    @FXML private Label checkMessage;
    @FXML private Hyperlink checkDetails;

    public ConnectionsController(ConnectionsViewModel model, ProfileCatalog profiles, Jobs jobs) {
        this.model = model;
        this.profiles = profiles;
        this.jobs = jobs;
    }

    @FXML
    private void initialize() {
        connectionList.setItems(model.connections());
        com.endpointstudio.ui.common.Views.wrapWithin(localDetails);
        localRuntimeLabel.textProperty().bind(Bindings.createStringBinding(() -> model.localRuntimeUrlProperty().get()
                .isEmpty() ? "" : "Local endpoints answer the SageMaker runtime API at " + model.localRuntimeUrlProperty().get()
                + ", so boto3 and `aws sagemaker-runtime invoke-endpoint --endpoint-url "
                + model.localRuntimeUrlProperty().get() + " --endpoint-name NAME …` call them like AWS ones.",
                model.localRuntimeUrlProperty()));
        connectionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Connection item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        connectionList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showDetails());
        model.checks().addListener((MapChangeListener<String, ConnectionCheck>) change -> showCheck());
        model.activeProperty().addListener((obs, old, now) -> showDetails());
        var selected = connectionList.getSelectionModel().selectedItemProperty();
        editButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().isLocal(), selected));
        removeButton.disableProperty().bind(editButton.disableProperty());
        testButton.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || isTesting(selected.get()), selected, model.checks()));
        connectionList.getSelectionModel().select(model.activeProperty().get());
        showDetails();
    }

    @FXML
    private void onAdd() {
        openDialog(null);
    }

    @FXML
    private void onEdit() {
        openDialog(selected());
    }

    @FXML
    private void onRemove() {
        Connection connection = selected();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Remove connection “" + connection.name() + "”? Its AWS profile and resources are not touched.",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(connectionList.getScene().getWindow());
        confirm.setHeaderText("Remove connection");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.remove(connection));
    }

    @FXML
    private void onTest() {
        model.test(selected());
    }

    @FXML
    private void onUse() {
        model.activate(selected());
    }

    @FXML
    private void onDetails() {
        ConnectionCheck check = model.checks().get(selected().id());
        if (check != null && check.error() != null) {
            jobs.errors().report("Test connection", check.error());
        }
    }

    private void openDialog(Connection existing) {
        // Reading the profile files is disk I/O: build the form off the FX thread.
        jobs.job("Read AWS profiles", job -> new AwsConnectionForm(profiles, existing)).onSuccess(form -> {
            AwsConnectionDialog dialog = new AwsConnectionDialog(form, existing != null);
            dialog.initOwner(connectionList.getScene().getWindow());
            dialog.showAndWait().ifPresent(connection -> {
                model.save(connection);
                connectionList.getSelectionModel().select(connection);
                if (existing == null) {
                    model.activate(connection);
                }
            });
        }).start();
    }

    private Connection selected() {
        return connectionList.getSelectionModel().getSelectedItem();
    }

    private boolean isTesting(Connection connection) {
        ConnectionCheck check = model.checks().get(connection.id());
        return check != null && check.state() == ConnectionCheck.State.TESTING;
    }

    private void showDetails() {
        Connection connection = selected();
        boolean none = connection == null;
        detailTitle.setText(none ? "No connection selected" : connection.name());
        Connection active = model.activeProperty().get();
        boolean isActive = !none && active != null && active.id().equals(connection.id());
        activeBadge.setVisible(isActive);
        useButton.setDisable(none || isActive);
        show(localDetails, !none && connection.isLocal());
        show(awsDetails, !none && !connection.isLocal());
        if (!none && !connection.isLocal()) {
            profileValue.setText(connection.profile() == null ? "default credential chain" : connection.profile());
            regionValue.setText(connection.region() == null ? "the profile's region (or AWS_REGION)"
                    : AwsRegions.describe(connection.region()));
            endpointValue.setText(connection.endpointUrl() == null ? "AWS (no override)" : connection.endpointUrl());
        }
        showCheck();
    }

    private void showCheck() {
        Connection connection = selected();
        ConnectionCheck check = connection == null ? null : model.checks().get(connection.id());
        show(checkBox, check != null);
        if (check == null) {
            return;
        }
        checkState.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        switch (check.state()) {
            case TESTING -> checkState.setText("Testing…");
            case CONNECTED -> {
                checkState.setText("Connected");
                checkState.getStyleClass().add(Styles.SUCCESS);
            }
            case FAILED -> {
                checkState.setText("Not connected");
                checkState.getStyleClass().add(Styles.DANGER);
            }
        }
        checkMessage.setText(check.message());
        show(checkDetails, check.error() != null);
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
