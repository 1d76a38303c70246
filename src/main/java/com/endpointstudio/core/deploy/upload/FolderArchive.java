package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model folder packed into model.tar.gz on its way to S3 ({@link ArchiveUpload}): the folder's files (those its digest
 * covers) become the archive root, as SageMaker unpacks it into /opt/ml/model.
 */
public final class FolderArchive {

    private FolderArchive() {
    }

    /** The folder's files as an archive plan, each at its path inside the folder. */
    public static ArchivePlan plan(Path folder) {
        return new ArchivePlan(ContentDigest.files(folder).stream().map(file -> new PlannedFile(
                ContentDigest.relative(folder, file), new FileSource.OnDisk(file, size(file)))).toList());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
