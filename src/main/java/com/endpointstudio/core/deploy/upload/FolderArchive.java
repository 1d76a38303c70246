package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.packaging.archive.ArchiveBuilder;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder packed into model.tar.gz on its way to S3: the folder's files (those its digest
 * covers) become the archive root, as SageMaker unpacks it into /opt/ml/model.
 */
public final class FolderArchive {

    private FolderArchive() {
    }

    public static BuildResult pack(Path folder, Path output, ProgressListener progress, CancelToken cancel) {
        List<PlannedFile> files = ContentDigest.files(folder).stream().map(file -> new PlannedFile(
                ContentDigest.relative(folder, file), new FileSource.OnDisk(file, size(file)))).toList();
        return new ArchiveBuilder().build(new ArchivePlan(files), List.of(folder), output, Compression.FAST, progress,
                cancel);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
