package com.endpointstudio.core.hosting;

import com.endpointstudio.core.io.FileTrees;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which version of which S3 object each file in a folder of downloads holds: the object's URL and ETag and
 * the file's size, noted when it was downloaded. Downloading the same object there again asks S3 for it only
 * if it changed ({@link #download}), so redeploying or reproducing a model of some gigabytes costs
 * a request. The notes live in a tree of their own, {@code versions/}: an s3:// prefix becomes a model's
 * folder, where a note beside each file would be one more file for the inference code to find.
 */
public final class DownloadedVersions {

    private final Path downloads;
    private final Path notes;

    public DownloadedVersions(Path downloads) {
        this.downloads = downloads.toAbsolutePath().normalize();
        this.notes = this.downloads.resolve("versions");
    }

    /**
     * The ETag of the object at {@code url} the file was downloaded from; null when there is no note for that
     * object, or the file is gone or changed size.
     */
    public String held(Path file, String url) {
        Path note = note(file);
        try {
            if (note == null || !Files.isRegularFile(note) || !Files.isRegularFile(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
            if (lines.size() != 3 || !lines.get(0).equals(url) || Long.parseLong(lines.get(2)) != Files.size(file)) {
                return null;
            }
            return lines.get(1);
        } catch (IOException | NumberFormatException e) {
            return null; // unreadable: download again
        }
    }

    /** Notes the version the file now holds (nothing is noted for an object S3 gave no ETag). */
    public void record(Path file, String url, String eTag) {
        Path note = note(file);
        if (note == null || eTag == null) {
            return;
        }
        try {
            Files.createDirectories(note.getParent());
            Files.writeString(note, url + "\n" + eTag + "\n" + Files.size(file) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            forget(file); // without a note the next deploy downloads it again, which is always right
        }
    }

    /**
     * Downloads the object to the file through {@code store} unless the file holds the version S3 has now,
     * and notes the version downloaded.
     */
    public ModelDataStore.Downloaded download(ModelDataStore store, String url, Path file, ProgressListener progress,
                                              CancelToken cancel) {
        ModelDataStore.Downloaded got = store.download(url, file, held(file, url), progress, cancel);
        if (got.sent()) {
            record(file, url, got.eTag());
        }
        return got;
    }

    /** Drops the notes of a file, or of every file under a folder. */
    public void forget(Path fileOrFolder) {
        Path mirror = mirror(fileOrFolder);
        if (mirror != null) {
            FileTrees.deleteQuietly(mirror);
            FileTrees.deleteQuietly(noteOf(mirror));
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
