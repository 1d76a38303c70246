package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.task.CancelToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.function.LongConsumer;

/** Copies one planned file's bytes, checking for cancel between chunks and that its size held still. */
final class SourceReader {

    private static final int CHUNK = 1024 * 1024;

    private final byte[] buffer = new byte[CHUNK];

    void copy(PlannedFile file, OutputStream out, CancelToken cancel, LongConsumer progress) throws IOException {
        long expected = file.source().size();
        long copied = 0;
        try (InputStream in = open(file)) {
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, expected - copied + 1)))) > 0) {
                cancel.throwIfCancelled();
                if (copied + n > expected) {
                    throw changed(file, "grew");
                }
                out.write(buffer, 0, n);
                copied += n;
                progress.accept(n);
            }
        }
        if (copied != expected) {
            throw changed(file, "shrank");
        }
    }

    private static InputStream open(PlannedFile file) {
        if (file.source() instanceof FileSource.InMemory memory) {
            return new ByteArrayInputStream(memory.bytes());
        }
        FileSource.OnDisk disk = (FileSource.OnDisk) file.source();
        try {
            return Files.newInputStream(disk.file());
        } catch (NoSuchFileException e) {
            throw new StudioException("The file " + disk.file() + " (for " + file.path() + ") no longer exists.", e);
        } catch (AccessDeniedException e) {
            throw new StudioException("The file " + disk.file() + " (for " + file.path()
                    + ") can't be read: permission denied.", e);
        } catch (IOException e) {
            throw new StudioException("The file " + disk.file() + " (for " + file.path() + ") can't be read: "
                    + e.getMessage(), e);
        }
    }

    private static StudioException changed(PlannedFile file, String how) {
        String where = file.source() instanceof FileSource.OnDisk disk ? disk.file().toString() : file.path();
        return new StudioException("The file " + where + " " + how + " while the archive was being built; "
                + "build again once it is no longer being written.");
    }
}
