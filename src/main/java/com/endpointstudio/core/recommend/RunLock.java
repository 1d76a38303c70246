package com.endpointstudio.core.recommend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Marks a right-sizing run as alive while it runs: an operating-system lock on a file beside the
 * journal, which the system releases when the process ends, however it ends. Clean-up (the next run,
 * or the studio opening a connection) leaves the temporary endpoints of a live run alone — another
 * window or a `recommend` on the command line may be measuring them.
 */
final class RunLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock hold(Path folder, String runId) {
        Path file = file(folder, runId);
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new RunLock(file, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("the run's lock " + file + " could not be taken", e);
        }
    }

    /** Whether a process (this one or another) holds the run's lock now. */
    static boolean isHeld(Path folder, String runId) {
        Path file = file(folder, runId);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path file(Path folder, String runId) {
        return folder.resolve("recommend-" + runId + ".lock");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock file left behind is free: the next clean-up takes it as a finished run's
        }
    }
}
