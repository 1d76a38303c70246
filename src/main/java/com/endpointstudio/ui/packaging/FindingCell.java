package com.endpointstudio.ui.packaging;

import atlantafx.base.theme.Styles;
import com.endpointstudio.core.packaging.Finding;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A finding: severity badge, path, message and, when the tree can change, its one-click fix. */
final class FindingCell extends ListCell<Finding> {

    private final Consumer<Finding> onFix;
    private final BooleanSupplier editable;
    private final Label severity = new Label();
    private final Label path = new Label();
    private final Label message = new Label();
    private final Button fix = new Button();
    private final HBox row;

    FindingCell(Consumer<Finding> onFix, BooleanSupplier editable) {
        this.onFix = onFix;
        this.editable = editable;
        severity.getStyleClass().add("finding-severity");
        severity.setMinWidth(64);
        path.getStyleClass().add("finding-path");
        message.setWrapText(true);
        fix.getStyleClass().addAll(Styles.SMALL, "finding-fix");
        VBox text = new VBox(2, path, message);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, severity, text, fix);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Finding item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        String level = item.severity().name().toLowerCase();
        severity.setText(level);
        severity.getStyleClass().removeAll("error", "warning", "info");
        severity.getStyleClass().add(level);
        path.setText(item.path().isEmpty() ? "(whole archive)" : item.path());
        message.setText(item.message());
        boolean fixable = item.fix().isPresent() && editable.getAsBoolean();
        fix.setVisible(fixable);
        fix.setManaged(fixable);
        item.fix().ifPresent(f -> fix.setText(f.label()));
        fix.setOnAction(e -> onFix.accept(item));
        setGraphic(row);
    }
}
