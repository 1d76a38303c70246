package com.endpointstudio.ui.instance;

import com.endpointstudio.core.instance.AcceleratorKind;
import com.endpointstudio.core.instance.InstanceOffer;
import com.endpointstudio.core.instance.InstanceSpec;
import com.endpointstudio.core.instance.Quantities;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A searchable table of every endpoint instance type with its hardware and what it costs an hour
 * and a month; filters by family, accelerator, memory and price. Double-click or OK picks a type.
 */
public final class InstancePicker extends Dialog<String> {

    private final InstancePickerModel model;
    private final TableView<InstanceOffer> table = new TableView<>();

    public InstancePicker(InstancePickerModel model, String current, Window owner) {
        this.model = model;
        setTitle("Instance type");
        setHeaderText("Pick the instance type of the production variant");
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setContent(com.endpointstudio.ui.common.WholeText.in(content()));
        getDialogPane().setPrefSize(980, 600);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        model.shown().stream().filter(offer -> offer.name().equals(current)).findFirst().ifPresent(offer -> {
            table.getSelectionModel().select(offer);
            table.scrollTo(offer);
        });
        setResultConverter(button -> button == ButtonType.OK && selected().isPresent() ? selected().get().name() : null);
    }

    private Optional<InstanceOffer> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private VBox content() {
        TextField search = new TextField();
        search.setId("instanceSearch");
        search.setPromptText("Search: g5, a10g, inf2…");
        search.textProperty().bindBidirectional(model.textProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.setPrefColumnCount(14);

        ComboBox<String> family = new ComboBox<>();
        family.setId("instanceFamily");
        family.getItems().add(InstancePickerModel.ANY_FAMILY);
        family.getItems().addAll(model.families());
        family.valueProperty().bindBidirectional(model.familyProperty());

        ComboBox<AcceleratorKind> accelerator = new ComboBox<>();
        accelerator.setId("instanceAccelerator");
        accelerator.getItems().add(null);
        accelerator.getItems().addAll(AcceleratorKind.values());
        accelerator.setButtonCell(acceleratorCell());
        accelerator.setCellFactory(list -> acceleratorCell());
        accelerator.valueProperty().bindBidirectional(model.acceleratorProperty());

        TextField minMemory = numberField("instanceMinMemory", "Min memory (GiB)");
        minMemory.textProperty().addListener((obs, old, now) -> model.minMemoryGibProperty().set(parse(now)));
        TextField maxPrice = numberField("instanceMaxPrice", "Max $/hour");
        maxPrice.textProperty().addListener((obs, old, now) -> model.maxHourlyUsdProperty().set(parse(now)));

        family.setMinWidth(Region.USE_PREF_SIZE);
        accelerator.setMinWidth(Region.USE_PREF_SIZE);
        family.setPrefWidth(150);
        accelerator.setPrefWidth(170);
        HBox filters = new HBox(8, search, family, accelerator, minMemory, maxPrice);
        buildTable();
        Label count = new Label();
        count.setId("instanceCount");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.shown().size() + " of " + model.total()
                + " instance types", model.shown()));
        Label note = new Label(model.priceNote());
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        VBox box = new VBox(8, filters, table, count, note);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private void buildTable() {
        table.setId("instanceTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<InstanceOffer, String> name = column("Instance type", InstanceOffer::name, Comparator.naturalOrder());
        name.setPrefWidth(170);
        table.getColumns().add(name);
        table.getColumns().add(column("vCPUs", o -> o.spec().vcpus(), Comparator.<Integer>nullsLast(Comparator.naturalOrder())));
        table.getColumns().add(column("Memory (GiB)", o -> o.spec().memoryGib(),
                Comparator.<Double>nullsLast(Comparator.naturalOrder())));
        table.getColumns().add(column("Accelerators", InstancePicker::accelerators, Comparator.naturalOrder()));
        table.getColumns().add(column("Accelerator\nmemory (GiB)", o -> o.spec().acceleratorMemoryGib(),
                Comparator.<Double>nullsLast(Comparator.naturalOrder())));
        table.getColumns().add(column("Per hour", InstanceOffer::hourlyUsd, Comparator.<Double>nullsLast(Comparator.naturalOrder())));
        table.getColumns().add(column("Per month", InstanceOffer::monthlyUsd, Comparator.<Double>nullsLast(Comparator.naturalOrder())));
        table.getColumns().add(column("3-yr plan,\nper hour", model::planHourly,
                Comparator.<Double>nullsLast(Comparator.naturalOrder())));
        com.endpointstudio.ui.common.Columns.fit(table);
        com.endpointstudio.ui.common.Columns.atLeast(name, "ml.m5d.24xlarge");
        com.endpointstudio.ui.common.Columns.atLeast(table.getColumns().get(5), "$37.6880");
        com.endpointstudio.ui.common.Columns.atLeast(table.getColumns().get(6), "$27,512.24");
        com.endpointstudio.ui.common.Columns.atLeast(table.getColumns().get(7), "$37.6880");
        SortedList<InstanceOffer> sorted = new SortedList<>(model.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No instance type matches these filters."));
        table.setRowFactory(view -> {
            TableRow<InstanceOffer> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    table.getSelectionModel().select(row.getItem());
                    setResult(row.getItem().name());
                    close();
                }
            });
            return row;
        });
    }

    private static String accelerators(InstanceOffer offer) {
        InstanceSpec spec = offer.spec();
        return spec.accelerators() == 0 ? "" : spec.accelerators() + " × " + spec.acceleratorModel();
    }

    private static <T> TableColumn<InstanceOffer, T> column(String title, Function<InstanceOffer, T> value,
                                                            Comparator<T> order) {
        TableColumn<InstanceOffer, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setComparator(order);
        boolean money = title.startsWith("Per ") || title.endsWith("per hour");
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                } else if (item == null) {
                    setText("—");
                } else if (item instanceof Double number) {
                    setText(money ? Quantities.usd(number) : Quantities.gib(number));
                } else {
                    setText(String.valueOf(item));
                }
            }
        });
        return column;
    }

    private static ListCell<AcceleratorKind> acceleratorCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(AcceleratorKind item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "Any accelerator" : item.label());
            }
        };
    }

    private static TextField numberField(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(prompt.length());
        field.setMinWidth(Region.USE_PREF_SIZE);
        UnaryOperator<TextFormatter.Change> decimalsOnly = change ->
                change.getControlNewText().matches("\\d*(\\.\\d*)?") ? change : null;
        field.setTextFormatter(new TextFormatter<>(decimalsOnly));
        return field;
    }

    private static Double parse(String text) {
        return text == null || text.isBlank() || text.equals(".") ? null : Double.valueOf(text);
    }

    public TableView<InstanceOffer> table() {
        return table;
    }
}
