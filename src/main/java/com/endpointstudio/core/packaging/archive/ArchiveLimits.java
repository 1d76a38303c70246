package com.endpointstudio.core.packaging.archive;

/**
 * Bounds on what the studio reads from an archive it did not write, so a hostile or broken
 * one can't exhaust memory or disk.
 *
 * @param maxEntries   entries of any kind
 * @param maxEntrySize declared size of one file
 * @param maxTotalSize declared size of all files together
 * @param maxTextSize  the largest text file held in memory for scanning
 */
public record ArchiveLimits(long maxEntries, long maxEntrySize, long maxTotalSize, int maxTextSize) {

    private static final long GIB = 1024L * 1024 * 1024;

    /** Generous for real models (the largest SageMaker instances hold a few hundred GiB). */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(100_000, 512 * GIB, 2048 * GIB, 1024 * 1024);
    }
}
