package com.endpointstudio.ui.packaging;

import com.endpointstudio.core.packaging.ArchivePaths;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import javafx.scene.control.TreeItem;

/** Builds the tree view of an archive from its sorted file paths: folders first, as tar lists them. */
final class ArchiveTreeItems {

    /** One row: a folder or a file, with its archive path. */
    record Entry(String path, String name, boolean folder, long size) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ArchiveTreeItems() {
    }

    static TreeItem<Entry> build(String rootName, SortedMap<String, Long> files) {
        TreeItem<Entry> root = new TreeItem<>(new Entry("", rootName, true, 0));
        root.setExpanded(true);
        Map<String, TreeItem<Entry>> folders = new HashMap<>();
        folders.put("", root);
        for (var file : files.entrySet()) {
            TreeItem<Entry> parent = folder(ArchivePaths.parent(file.getKey()), folders);
            parent.getChildren().add(new TreeItem<>(
                    new Entry(file.getKey(), ArchivePaths.fileName(file.getKey()), false, file.getValue())));
        }
        sortFoldersFirst(root);
        return root;
    }

    private static TreeItem<Entry> folder(String path, Map<String, TreeItem<Entry>> folders) {
        TreeItem<Entry> existing = folders.get(path);
        if (existing != null) {
            return existing;
        }
        TreeItem<Entry> parent = folder(ArchivePaths.parent(path), folders);
        TreeItem<Entry> item = new TreeItem<>(new Entry(path, ArchivePaths.fileName(path), true, 0));
        item.setExpanded(true);
        parent.getChildren().add(item);
        folders.put(path, item);
        return item;
    }

    private static void sortFoldersFirst(TreeItem<Entry> item) {
        item.getChildren().sort((a, b) -> a.getValue().folder() != b.getValue().folder()
                ? (a.getValue().folder() ? -1 : 1) : a.getValue().name().compareTo(b.getValue().name()));
        item.getChildren().forEach(ArchiveTreeItems::sortFoldersFirst);
    }

    static TreeItem<Entry> find(TreeItem<Entry> item, String path) {
        if (item.getValue().path().equals(path)) {
            return item;
        }
        for (TreeItem<Entry> child : item.getChildren()) {
            if (ArchivePaths.isWithin(path, child.getValue().path()) || child.getValue().path().isEmpty()) {
                TreeItem<Entry> found = find(child, path);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
