package com.endpointstudio.ui.console;

import com.endpointstudio.core.invoke.InvocationSnippets;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The console's history: the calls of this connection (or of all, with their connection), search, send again, copy as. */
final class HistoryPanel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ConsoleViewModel console;
    private final HistoryModel model;
    private final Consumer<HistoryEntry> onPick;

    @FXML private ComboBox<HistoryModel.Scope> scopeChoice;
    @FXML private TextField historySearchField;
    @FXML private TableView<HistoryEntry> historyTable;
    @FXML private Button sendAgainButton;

    /** @param onPick shows a picked call: its request in the editor, its answer in the response */
    HistoryPanel(ConsoleViewModel console, Consumer<HistoryEntry> onPick) {
        this.console = console;
        this.model = console.history();
        this.onPick = onPick;
    }

    @FXML
    private void initialize() {
        scopeChoice.getItems().setAll(HistoryModel.scopes());
        scopeChoice.valueProperty().bindBidirectional(model.scope);
        historySearchField.textProperty().bindBidirectional(model.search);
        historyTable.setItems(model.entries());
        historyTable.setPlaceholder(new Label("No calls yet."));
        historyTable.getColumns().add(column("Time", 84, entry -> TIME.format(entry.at())));
        // every call of the active connection looks alike: the connection is named when all are shown
        TableColumn<HistoryEntry, String> connection = column("Connection", 120, model::connectionOf);
        connection.visibleProperty().bind(model.scope.isEqualTo(HistoryModel.Scope.ALL));
        historyTable.getColumns().add(connection);
        historyTable.getColumns().add(column("Endpoint", 80, entry -> entry.request().endpointName()));
        historyTable.getColumns().add(column("Answer", 100, entry -> (entry.succeeded()
                ? String.valueOf(entry.responseStatus()) : entry.errorCode())
                + String.format(Locale.ROOT, " · %.0f ms", entry.latencyMs())));
        com.endpointstudio.ui.common.Columns.fit(historyTable);
        com.endpointstudio.ui.common.Columns.atLeast(historyTable.getColumns().get(0), "20:07:47");
        com.endpointstudio.ui.common.Columns.atLeast(historyTable.getColumns().get(3), "200 · 1,234 ms");
        // the split pane may not squeeze the history below its visible columns (plus its padding and scroll bar)
        historyTable.minWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> historyTable.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum() + 20,
                historyTable.getVisibleLeafColumns()));
        historyTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                onPick.accept(now);
            }
        });
        sendAgainButton.disableProperty().bind(Bindings.or(historyTable.getSelectionModel().selectedItemProperty()
                .isNull(), console.response().sendingProperty()));
    }

    private static TableColumn<HistoryEntry, String> column(String title, double width,
                                                            Function<HistoryEntry, String> value) {
        TableColumn<HistoryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    @FXML
    private void onSendAgain() {
        HistoryEntry entry = historyTable.getSelectionModel().getSelectedItem();
        if (entry != null) {
            console.sendAgain(entry);
        }
    }

    @FXML
    private void onCopyBoto3() {
        copy(InvocationSnippets::boto3);
    }

    @FXML
    private void onCopyCli() {
        copy(InvocationSnippets::awsCli);
    }

    @FXML
    private void onCopyCurl() {
        copy(InvocationSnippets::curl);
    }

    private void copy(Function<InvocationSnippets, String> format) {
        ClipboardContent content = new ClipboardContent();
        content.putString(format.apply(console.snippets()));
        Clipboard.getSystemClipboard().setContent(content);
        console.jobs().status().show("Copied to the clipboard");
    }

    @FXML
    private void onClearHistory() {
        model.clear();
    }
}
