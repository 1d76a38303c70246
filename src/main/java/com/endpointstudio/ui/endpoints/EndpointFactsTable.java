package com.endpointstudio.ui.endpoints;

import com.endpointstudio.ui.common.Columns;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The details pane: a read-only two-column form of labels and values, section headings in bold,
 * long values wrapped whole. Rows can be selected and copied (Ctrl+C or the context menu) as text.
 */
final class EndpointFactsTable {

    private static final PseudoClass HEADING = PseudoClass.getPseudoClass("heading");

    private EndpointFactsTable() {
    }

    static void build(TableView<EndpointFacts.Fact> table, ObservableList<EndpointFacts.Fact> facts) {
        TableColumn<EndpointFacts.Fact, String> label = column("", EndpointFacts.Fact::label);
        TableColumn<EndpointFacts.Fact, String> value = column("", fact -> fact.heading() ? "" : fact.value());
        label.getStyleClass().add("fact-label");
        label.setMinWidth(140);
        label.setPrefWidth(180);
        table.getColumns().setAll(java.util.List.of(label, value));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll("facts-table", atlantafx.base.theme.Styles.DENSE);
        table.setItems(facts);
        table.setPlaceholder(new Label("Select an endpoint to see its details."));
        facts.addListener((ListChangeListener<EndpointFacts.Fact>) change -> {
            Columns.atLeast(label, facts.stream().filter(f -> !f.heading()).map(EndpointFacts.Fact::label)
                    .max(java.util.Comparator.comparingInt(String::length)).orElse(""));
            label.setMaxWidth(Math.max(label.getMinWidth(), 180) + 40); // the values take the rest
        });
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EndpointFacts.Fact item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(HEADING, !empty && item != null && item.heading());
            }
        });
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(event -> copy(table.getSelectionModel().getSelectedItems()));
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(event -> copy(table.getItems()));
        table.setContextMenu(new ContextMenu(copy, copyAll));
        KeyCombination shortcut = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(event -> {
            if (shortcut.match(event)) {
                copy(table.getSelectionModel().getSelectedItems());
                event.consume();
            }
        });
    }

    private static void copy(java.util.List<EndpointFacts.Fact> rows) {
        if (!rows.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(EndpointFacts.text(rows));
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private static TableColumn<EndpointFacts.Fact, String> column(String title,
                                                                 Function<EndpointFacts.Fact, String> text) {
        TableColumn<EndpointFacts.Fact, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true); // an image URI or a failure reason is shown whole, on as many lines as it takes
            }
        });
        return column;
    }
}
