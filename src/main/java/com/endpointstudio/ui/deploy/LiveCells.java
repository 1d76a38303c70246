package com.endpointstudio.ui.deploy;

import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** List cells whose text follows their item's fields as they are edited in the form beside the list. */
final class LiveCells {

    private LiveCells() {
    }

    /**
     * @param label  the text of an item at a position
     * @param fields what the text depends on
     */
    static <T> void show(ListView<T> list, BiFunction<T, Integer, String> label, Function<T, Observable[]> fields) {
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                textProperty().unbind();
                if (empty || item == null) {
                    setText(null);
                } else {
                    textProperty().bind(Bindings.createStringBinding(() -> label.apply(item, getIndex()),
                            fields.apply(item)));
                }
            }
        });
    }
}
