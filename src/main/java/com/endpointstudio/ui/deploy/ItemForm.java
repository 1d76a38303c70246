package com.endpointstudio.ui.deploy;

import com.endpointstudio.ui.deploy.DeployDraft.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.Property;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;

/**
 * A form that edits the item selected in a list: its controls are bound to that item's
 * properties, and re-bound when the selection moves, so every item keeps its own values.
 */
final class ItemForm<T> {

    private final List<Function<T, Runnable>> binders = new ArrayList<>();
    private final List<Runnable> unbinders = new ArrayList<>();

    ItemForm(ListView<T> list, Node form) {
        form.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now));
    }

    <V> ItemForm<T> property(Property<V> control, Function<T, Property<V>> field) {
        binders.add(item -> {
            Property<V> target = field.apply(item);
            control.bindBidirectional(target);
            return () -> control.unbindBidirectional(target);
        });
        return this;
    }

    ItemForm<T> spinner(Spinner<Integer> spinner, Function<T, IntegerProperty> field) {
        binders.add(item -> {
            IntegerProperty target = field.apply(item);
            spinner.getValueFactory().setValue(target.get());
            ChangeListener<Integer> write = (obs, old, now) -> target.set(now == null ? 0 : now);
            spinner.valueProperty().addListener(write);
            return () -> spinner.valueProperty().removeListener(write);
        });
        return this;
    }

    ItemForm<T> lines(TextArea area, Function<T, ObservableList<Entry>> field) {
        binders.add(item -> KeyValueLines.bind(area, field.apply(item)));
        return this;
    }

    private void show(T item) {
        unbinders.forEach(Runnable::run);
        unbinders.clear();
        if (item != null) {
            binders.forEach(binder -> unbinders.add(binder.apply(item)));
        }
    }
}
