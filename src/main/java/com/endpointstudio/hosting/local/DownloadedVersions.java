package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which version of its S3 object each file in Local hosting's downloads holds: the object's ETag and the
 * file's size, noted when it was downloaded. A later deploy of the same s3:// model data asks S3 for the
 * object only if it changed (If-None-Match), so redeploying a model of some gigabytes costs a request.
 * The notes live in a tree of their own: an s3:// prefix becomes the model's folder, where a note beside
 * each file would be one more file for the inference code to find.
 */
final class DownloadedVersions {

    private final Path downloads;
    private final Path notes;

    DownloadedVersions(Path downloads) {
        this.downloads = downloads.toAbsolutePath().normalize();
        this.notes = this.downloads.resolve("versions");
    }

    /** The ETag the file was downloaded at; null when there is no note, or the file is gone or changed size. */
    String held(Path file) {
        Path note = note(file);
        try {
            if (note == null || !Files.isRegularFile(note) || !Files.isRegularFile(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
            if (lines.size() != 2 || Long.parseLong(lines.get(1)) != Files.size(file)) {
                return null;
            }
            return lines.get(0);
        } catch (IOException | NumberFormatException e) {
            return null; // unreadable: download again
        }
    }

    /** Notes the version the file now holds (nothing is noted for an object S3 gave no ETag). */
    void record(Path file, String eTag) {
        Path note = note(file);
        if (note == null || eTag == null) {
            return;
        }
        try {
            Files.createDirectories(note.getParent());
            Files.writeString(note, eTag + "\n" + Files.size(file) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            forget(file); // without a note the next deploy downloads it again, which is always right
        }
    }

    /** Drops the notes of a file, or of every file under a folder. */
    void forget(Path fileOrFolder) {
        Path mirror = mirror(fileOrFolder);
        if (mirror != null) {
            LocalFolders.deleteQuietly(mirror);
            LocalFolders.deleteQuietly(noteOf(mirror));
        }
    }

    private Path note(Path file) {
        Path mirror = mirror(file);
        return mirror == null ? null : noteOf(mirror);
    }

    private static Path noteOf(Path mirror) {
        return mirror.resolveSibling(mirror.getFileName() + ".etag");
    }

    /** The file's place in the notes' tree; null for a path outside the downloads. */
    private Path mirror(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(downloads) || absolute.startsWith(notes) || absolute.equals(downloads)) {
            return null;
        }
        return notes.resolve(downloads.relativize(absolute));
    }
}
