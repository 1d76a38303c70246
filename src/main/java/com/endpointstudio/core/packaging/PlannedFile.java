package com.endpointstudio.core.packaging;

/**
 * One regular file of the archive to build.
 *
 * @param path   the path inside the archive, '/'-separated, relative, normalised (no '.', '..',
 *               leading '/' or empty segments)
 * @param source where its bytes come from
 */
public record PlannedFile(String path, FileSource source) {
}
