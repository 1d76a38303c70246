package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.packaging.ArchivePaths;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.PlannedFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The tar entries of a plan, in a fixed order with fixed metadata: every parent folder gets
 * its own entry before its contents, owners are root, times are one constant. Same plan, same
 * headers, on any machine.
 */
final class TarLayout {

    /** 2000-01-01T00:00:00Z: a constant that no tool flags as implausible. */
    static final Instant FIXED_TIME = Instant.parse("2000-01-01T00:00:00Z");

    /** An entry to write: a folder (file == null) or a file of the plan. */
    record Item(String name, PlannedFile file) {
        boolean isFolder() {
            return file == null;
        }
    }

    private TarLayout() {
    }

    static List<Item> items(ArchivePlan plan) {
        TreeMap<String, Item> items = new TreeMap<>();
        for (PlannedFile file : plan.files()) {
            items.put(file.path(), new Item(file.path(), file));
            for (String folder = ArchivePaths.parent(file.path()); !folder.isEmpty(); folder = ArchivePaths.parent(folder)) {
                items.putIfAbsent(folder + "/", new Item(folder + "/", null));
            }
        }
        return new ArrayList<>(items.values());
    }

    static TarArchiveEntry entry(Item item) {
        TarArchiveEntry entry = new TarArchiveEntry(item.name(), true);
        entry.setModTime(FIXED_TIME.toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
        if (item.isFolder()) {
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        } else {
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
            entry.setSize(item.file().source().size());
        }
        return entry;
    }
}
