package com.endpointstudio.ui.packaging;

import com.endpointstudio.ui.packaging.ArchiveTreeItems.Entry;
import javafx.scene.control.TreeCell;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A row of the archive tree: icon, name and, for files, the size; then what the container makes of it. */
final class ArchiveTreeCell extends TreeCell<Entry> {

    @Override
    protected void updateItem(Entry item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        String text = item.folder() ? item.name() + "/" : item.name() + "   " + Sizes.human(item.size());
        setText(item.role() == null ? text : text + "   \u2014 " + item.role());
        setGraphic(new FontIcon(item.path().isEmpty() ? Feather.PACKAGE : item.folder() ? Feather.FOLDER : Feather.FILE));
    }
}
