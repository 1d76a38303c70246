package com.endpointstudio.core.packaging;

import com.endpointstudio.core.packaging.archive.ArchiveBuilder;
import com.endpointstudio.core.packaging.archive.ArchiveInspector;
import com.endpointstudio.core.packaging.archive.FolderBuilder;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.nio.file.Path;
import java.util.Collection;

/** The packaging operations the wizard and the CLI share: build an artifact, open an existing one. */
public final class ModelPackager {

    private final ArchiveBuilder archives = new ArchiveBuilder();
    private final FolderBuilder folders = new FolderBuilder();
    private final ArchiveInspector inspector = new ArchiveInspector();

    /**
     * Builds a model.tar.gz, or with {@code uncompressed} a folder of the same layout.
     *
     * @param inputFolders folders the user packaged; the output may not lie inside them
     */
    public BuildResult build(ArchivePlan plan, Collection<Path> inputFolders, Path output, Compression compression,
                             boolean uncompressed, ProgressListener progress, CancelToken cancel) {
        return uncompressed
                ? folders.build(plan, inputFolders, output, progress, cancel)
                : archives.build(plan, inputFolders, output, compression, progress, cancel);
    }

    public Inspection inspect(Path archive) {
        return inspector.inspect(archive, CancelToken.none());
    }
}
