package com.endpointstudio.ui.packaging;

import com.endpointstudio.core.packaging.ArchivePaths;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import javafx.scene.control.TreeItem;

/** Builds the tree view of an archive from its sorted file paths: folders first, as tar lists them. */
final class ArchiveTreeItems {

    /**
     * One row: a folder or a file, with its archive path.
     *
     * @param role what the container makes of it ("TensorFlow Serving model half_plus_three"), or null
     */
    record Entry(String path, String name, boolean folder, long size, String role) {
        @Override
        public String toString() {
            return name;
        }

        Entry withRole(String newRole) {
            return new Entry(path, name, folder, size, newRole);
        }
    }

    private ArchiveTreeItems() {
    }

    static TreeItem<Entry> build(String rootName, SortedMap<String, Long> files, Map<String, String> roles) {
        TreeItem<Entry> root = new TreeItem<>(new Entry("", rootName, true, 0, null));
        root.setExpanded(true);
        Map<String, TreeItem<Entry>> folders = new HashMap<>();
        folders.put("", root);
        for (var file : files.entrySet()) {
            TreeItem<Entry> parent = folder(ArchivePaths.parent(file.getKey()), folders, roles);
            parent.getChildren().add(new TreeItem<>(new Entry(file.getKey(), ArchivePaths.fileName(file.getKey()), false,
                    file.getValue(), roles.get(file.getKey()))));
        }
        sortFoldersFirst(root);
        return root;
    }

    /** Puts the roles of a new reading on the rows in place, so selection and expansion stay as they are. */
    static void updateRoles(TreeItem<Entry> item, Map<String, String> roles) {
        Entry entry = item.getValue();
        String role = entry.path().isEmpty() ? null : roles.get(entry.path());
        if (!Objects.equals(role, entry.role())) {
            item.setValue(entry.withRole(role));
        }
        item.getChildren().forEach(child -> updateRoles(child, roles));
    }

    private static TreeItem<Entry> folder(String path, Map<String, TreeItem<Entry>> folders, Map<String, String> roles) {
        TreeItem<Entry> existing = folders.get(path);
        if (existing != null) {
            return existing;
        }
        TreeItem<Entry> parent = folder(ArchivePaths.parent(path), folders, roles);
        TreeItem<Entry> item = new TreeItem<>(new Entry(path, ArchivePaths.fileName(path), true, 0, roles.get(path)));
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
