package com.endpointstudio.ui.packaging;

import com.endpointstudio.ui.packaging.ArchiveTreeItems.Entry;
import javafx.scene.control.TreeCell;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A row of the archive tree: icon, name and, for files, the size. */
final class ArchiveTreeCell extends TreeCell<Entry> {

    @Override
    protected void updateItem(Entry item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        setText(item.folder() ? item.name() + "/" : item.name() + "   " + Sizes.human(item.size()));
        setGraphic(new FontIcon(item.path().isEmpty() ? Feather.PACKAGE : item.folder() ? Feather.FOLDER : Feather.FILE));
    }
}
