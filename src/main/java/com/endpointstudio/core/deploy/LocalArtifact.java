package com.endpointstudio.core.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a local model-data path is, as far as SageMaker's unpacking cares. The command line and the
 * deployment read it from the disk; the studio's forms look it up in a cache filled off the UI thread
 * ({@link #NOT_READ_YET} until then), so typing a path never waits on a slow disk.
 */
public enum LocalArtifact {
    MISSING,
    FOLDER,
    /** A gzip stream whose first 512 bytes, unpacked, are a tar header. */
    TAR_GZ,
    OTHER_FILE,
    /** Not read yet: the checks that need it wait until it is. */
    NOT_READ_YET;

    /** Reads the disk: a folder, a file (its first bytes unpacked), or nothing. */
    public static LocalArtifact read(Path path) {
        if (Files.isDirectory(path)) {
            return FOLDER;
        }
        if (!Files.exists(path)) {
            return MISSING;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            byte[] header = in.readNBytes(512);
            return TarArchiveInputStream.matches(header, header.length) ? TAR_GZ : OTHER_FILE;
        } catch (IOException e) {
            return OTHER_FILE;
        }
    }
}
