package com.endpointstudio.ui.common;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Column widths that keep headers and values whole: each column at least as wide as its (bold)
 * header and the widest value it is expected to show, the table's spare room shared out.
 */
public final class Columns {

    /** Cell and header padding, with room for the sort arrow. */
    private static final double PADDING = 22;

    private Columns() {
    }

    /** Every column at least as wide as its header; the table fills its width without a horizontal scroll. */
    public static void fit(TableView<?> table) {
        table.getColumns().forEach(column -> {
            atLeast(column, column.getText());
            column.setPrefWidth(column.getMinWidth()); // the policy shares out what is left
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** Makes {@code column} at least wide enough for its header and for {@code widestValue}. */
    public static void atLeast(TableColumn<?, ?> column, String widestValue) {
        double header = width(column.getText(), true);
        double value = width(widestValue, false);
        column.setMinWidth(Math.max(column.getMinWidth(), Math.max(header, value) + PADDING));
        if (column.getPrefWidth() < column.getMinWidth()) {
            column.setPrefWidth(column.getMinWidth());
        }
    }

    private static double width(String text, boolean bold) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        Text measure = new Text(text);
        // the theme's text size (AtlantaFX sets 14 px on the root)
        measure.setFont(Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, 14));
        return Math.ceil(measure.getLayoutBounds().getWidth());
    }
}
