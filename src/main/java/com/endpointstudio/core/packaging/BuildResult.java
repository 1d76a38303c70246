package com.endpointstudio.core.packaging;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a finished build produced.
 *
 * @param output  the model.tar.gz, or the folder of an uncompressed build
 * @param bytes   its size (sum of file sizes for a folder)
 * @param sha256  hex SHA-256 of the archive; for a folder, of its files in archive order
 * @param elapsed wall time of the build
 */
public record BuildResult(Path output, long bytes, String sha256, Duration elapsed) {
}
