package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.ui.common.Columns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/** The endpoints table's columns: names, status badges, capacity, times, cost and calls, sortable. */
final class EndpointsTable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter WHEN_OTHER_YEAR = DateTimeFormatter.ofPattern("MMM d yyyy, HH:mm",
            Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private EndpointsTable() {
    }

    static void build(TableView<EndpointRow> table, EndpointsTableModel rows) {
        table.setId("endpointsTable");
        table.setPlaceholder(new Label("No endpoints on this connection. Deploy one from the Deploy screen."));
        table.getColumns().add(column("Name", EndpointRow::name, Comparator.naturalOrder(), 220));
        TableColumn<EndpointRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(cell -> cell.getValue().statusProperty());
        status.setCellFactory(col -> new StatusBadgeCell());
        status.setPrefWidth(150);
        table.getColumns().add(status);
        table.getColumns().add(column("Kind", EndpointRow::kind, Comparator.naturalOrder(), 90));
        table.getColumns().add(column("Capacity", row -> rows.localProperty().get() ? "this computer"
                : row.capacity().replace(", ", "\n"), Comparator.naturalOrder(), 200));
        // the creation time is in the details below: at 1024 px the names and badges need the room
        table.getColumns().add(column("Last modified", r -> when(r.lastModified()), Comparator.naturalOrder(), 130));
        TableColumn<EndpointRow, Double> cost = new TableColumn<>("Cost / hour");
        cost.setCellValueFactory(cell -> cell.getValue().hourlyProperty());
        cost.setCellFactory(col -> text(value -> value == null ? "—" : Quantities.usd(value)));
        cost.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        table.getColumns().add(cost);
        TableColumn<EndpointRow, Double> calls = new TableColumn<>("Calls 24 h");
        calls.setCellValueFactory(cell -> cell.getValue().callsProperty());
        calls.setCellFactory(col -> text(value -> value == null ? "…" : String.format(Locale.ROOT, "%,.0f", value)));
        calls.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        table.getColumns().add(calls);
        Columns.fit(table);
        Columns.atLeast(table.getColumns().get(0), "fraud-scoring-serverless");
        Columns.atLeast(status, "InService idle");
        status.setMinWidth(status.getMinWidth() + 2 * 16); // the two badges' padding
        Columns.atLeast(table.getColumns().get(2), "serverless");
        Columns.atLeast(table.getColumns().get(3), "ml.g4dn.2xlarge × 2");
        Columns.atLeast(table.getColumns().get(4), "Nov 30, 19:51");
        SortedList<EndpointRow> sorted = new SortedList<>(rows.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }

    private static TableColumn<EndpointRow, String> column(String title, Function<EndpointRow, String> value,
                                                           Comparator<String> order, double width) {
        TableColumn<EndpointRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> {
            EndpointRow row = cell.getValue();
            return Bindings.createStringBinding(() -> value.apply(row), row.detailsProperty(), row.statusProperty());
        });
        column.setComparator(order);
        column.setPrefWidth(width);
        return column;
    }

    private static <T> TableCell<EndpointRow, T> text(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        };
    }

    /** The status as a coloured badge, with an "idle" badge (with what it cost and what hibernating saves) beside it. */
    private static final class StatusBadgeCell extends TableCell<EndpointRow, String> {
        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            if (empty || status == null || getTableRow() == null || getTableRow().getItem() == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            EndpointRow row = getTableRow().getItem();
            Label badge = new Label(status);
            badge.getStyleClass().addAll("status-badge", "status-" + status.toLowerCase(Locale.ROOT));
            HBox box = new HBox(4, badge);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (row.idleProperty().get()) {
                Label idle = new Label("idle");
                idle.getStyleClass().add("idle-badge");
                idle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Double spent = row.idleCostProperty().get();
                Double hourly = row.hourlyProperty().get();
                idle.setTooltip(new javafx.scene.control.Tooltip("No invocations in the window"
                        + (spent == null ? "" : "; it cost " + Quantities.usd(spent) + " meanwhile")
                        + ". Hibernate… keeps its config and models" + (hourly == null ? ""
                        : " and saves " + Quantities.usd(hourly * 24) + " a day") + "; Delete removes it."));
                box.getChildren().add(idle);
            }
            setGraphic(box);
            setText(null);
        }
    }

    /** A time in this computer's zone; the year only when it isn't this one. */
    private static String when(java.time.Instant at) {
        if (at == null) {
            return "";
        }
        boolean thisYear = at.atZone(ZoneId.systemDefault()).getYear() == java.time.Year.now().getValue();
        return (thisYear ? WHEN : WHEN_OTHER_YEAR).format(at);
    }
}
