package com.endpointstudio.core.packaging;

import java.nio.file.Path;

/** Where the bytes of one archive file come from: a file of the user's, or text the studio wrote. */
public sealed interface FileSource {

    /** The size in bytes, read from disk for user files. */
    long size();

    /** A file on disk, read but never modified. */
    record OnDisk(Path file, long size) implements FileSource {
    }

    /** Content edited in the studio (a generated inference.py, a requirements.txt). */
    record InMemory(byte[] bytes) implements FileSource {
        @Override
        public long size() {
            return bytes.length;
        }
    }
}
