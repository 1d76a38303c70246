package com.endpointstudio.core.doctor;

import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.Finding;
import java.util.List;

/**
 * One model's data as the doctor read it: its files and sizes with the text of its scripts, the
 * problems of the archive itself (unsafe entries, links), and how many bytes it unpacks to.
 *
 * @param label           where it came from, e.g. "model.tar.gz" or "s3://bucket/models/a.tar.gz"
 * @param compressedBytes the archive's own size, or null for a folder
 */
public record ModelContents(String label, ArchiveContents contents, List<Finding> problems, Long compressedBytes) {

    public ModelContents {
        problems = List.copyOf(problems);
    }

    /** What SageMaker writes to /opt/ml/model, and what a model loaded whole takes in memory at least. */
    public long unpackedBytes() {
        return contents.files().values().stream().mapToLong(Long::longValue).sum();
    }
}
