package com.endpointstudio.ui.shell;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.settings.Theme;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window: sidebar, toolbar with the connection picker, content and status bar. */
public final class ShellController {

    private final ShellViewModel model;

    private static final String COMPACT = "compact";
    private static final double COMPACT_BELOW = 1180;

    @FXML private javafx.scene.layout.BorderPane shell;
    @FXML private ListView<Screen> sidebar;
    @FXML private StackPane content;
    @FXML private ComboBox<Connection> connectionPicker;
    @FXML private Button testConnectionButton;
    @FXML private Label identityLabel;
    @FXML private ToggleButton themeToggle;
    @FXML private StatusBar statusBar;

    public ShellController(ShellViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        sidebar.setItems(model.screens());
        sidebar.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Screen item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
                setGraphic(empty || item == null ? null : new FontIcon(item.icon()));
                boolean compact = getListView().getStyleClass().contains(COMPACT);
                setContentDisplay(compact ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
                setTooltip(compact && item != null ? new Tooltip(item.title()) : null);
            }
        });
        // below this width the sidebar keeps only its icons (each with its name as a tooltip)
        shell.widthProperty().addListener((obs, old, width) -> compactSidebar(width.doubleValue() < COMPACT_BELOW));
        sidebar.getSelectionModel().select(model.selectedProperty().get());
        sidebar.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> showScreen(now));
        showScreen(model.selectedProperty().get());

        var connections = model.connections();
        connectionPicker.setItems(connections.connections());
        connectionPicker.setCellFactory(list -> connectionCell());
        connectionPicker.setButtonCell(connectionCell());
        connectionPicker.setValue(connections.activeProperty().get());
        connections.activeProperty().addListener((obs, old, now) -> connectionPicker.setValue(now));
        connectionPicker.valueProperty().addListener((obs, old, now) -> connections.activate(now));
        testConnectionButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Connection active = connections.activeProperty().get();
            return active == null || active.isLocal() || "Testing…".equals(model.identityProperty().get());
        }, connections.activeProperty(), model.identityProperty()));
        identityLabel.textProperty().bind(model.identityProperty());
        identityLabel.tooltipProperty().bind(Bindings.createObjectBinding(() -> {
            var check = connections.activeProperty().get() == null ? null
                    : connections.checks().get(connections.activeProperty().get().id());
            return check == null ? null : new Tooltip(check.message());
        }, connections.activeProperty(), connections.checks()));

        themeToggle.setGraphic(new FontIcon(Feather.MOON));
        themeToggle.setSelected(model.settings().themeProperty().get() == Theme.DARK);
        model.settings().themeProperty().addListener((obs, old, now) -> themeToggle.setSelected(now == Theme.DARK));
        themeToggle.selectedProperty().addListener((obs, old, dark) ->
                model.settings().themeProperty().set(dark ? Theme.DARK : Theme.LIGHT));

        statusBar.textProperty().bind(model.status().messageProperty());
        statusBar.progressProperty().bind(Bindings.when(model.status().busyProperty()).then(-1.0).otherwise(0.0));
    }

    private void compactSidebar(boolean compact) {
        if (compact == sidebar.getStyleClass().contains(COMPACT)) {
            return;
        }
        if (compact) {
            sidebar.getStyleClass().add(COMPACT);
        } else {
            sidebar.getStyleClass().remove(COMPACT);
        }
        sidebar.setPrefWidth(compact ? 52 : 170);
        sidebar.refresh();
    }

    @FXML
    private void onTestConnection() {
        model.testActiveConnection();
    }

    private void showScreen(Screen screen) {
        if (screen == null) {
            return;
        }
        content.getChildren().setAll(screen.view());
        if (sidebar.getSelectionModel().getSelectedItem() != screen) {
            sidebar.getSelectionModel().select(screen);
        }
    }

    private static ListCell<Connection> connectionCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Connection item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        };
    }
}
