package com.endpointstudio.core.packaging;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the validator looks at: every file of an archive with its size, and the text of the
 * small text files (handler scripts, requirements) whose content matters. It describes both a
 * tree being edited and an existing model.tar.gz read without extracting it.
 */
public record ArchiveContents(SortedMap<String, Long> files, Map<String, String> texts) {

    public ArchiveContents {
        files = new TreeMap<>(files);
        texts = Map.copyOf(texts);
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    public Optional<String> text(String path) {
        return Optional.ofNullable(texts.get(path));
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** True when some file lies inside {@code folder}. */
    public boolean hasFolder(String folder) {
        String prefix = folder + "/";
        var after = files.tailMap(prefix);
        return !after.isEmpty() && after.firstKey().startsWith(prefix);
    }
}
