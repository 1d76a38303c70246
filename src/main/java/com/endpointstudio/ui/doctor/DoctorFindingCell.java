package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.doctor.DoctorFinding;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A doctor's finding: severity badge, what it is about, the message, the fix and the rule's source. */
final class DoctorFindingCell extends ListCell<DoctorFinding> {

    private final Label severity = new Label();
    private final Label subject = new Label();
    private final Label message = new Label();
    private final Label fix = new Label();
    private final Label source = new Label();
    private final HBox row;

    DoctorFindingCell() {
        severity.getStyleClass().add("finding-severity");
        severity.setMinWidth(64);
        subject.getStyleClass().add("finding-path");
        message.setWrapText(true);
        fix.setWrapText(true);
        source.setWrapText(true);
        source.getStyleClass().add("text-muted");
        VBox text = new VBox(2, subject, message, fix, source);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, severity, text);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(DoctorFinding item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        String level = item.severity().name().toLowerCase(Locale.ROOT);
        severity.setText(level);
        severity.getStyleClass().removeAll("error", "warning", "info");
        severity.getStyleClass().add(level);
        subject.setText(item.check().label() + (item.subject().isEmpty() ? "" : " · " + item.subject()));
        message.setText(item.message());
        show(fix, item.fix().isEmpty() ? "" : "Fix: " + item.fix());
        show(source, item.source().isEmpty() ? "" : "Rule: " + item.source());
        setGraphic(row);
    }

    private static void show(Label label, String text) {
        label.setText(text);
        label.setVisible(!text.isEmpty());
        label.setManaged(!text.isEmpty());
    }
}
