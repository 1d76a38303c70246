package com.endpointstudio.core.packaging;

import java.util.Comparator;
import java.util.List;

/**
 * Every file of a model artifact, in archive order (sorted by path, so builds are
 * deterministic). Directories are implied by the paths.
 */
public record ArchivePlan(List<PlannedFile> files) {

    public ArchivePlan {
        files = files.stream().sorted(Comparator.comparing(PlannedFile::path)).toList();
    }

    public long totalBytes() {
        return files.stream().mapToLong(f -> f.source().size()).sum();
    }
}
