package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.DownloadedVersions;
import com.endpointstudio.core.hosting.ModelDataStore.ObjectInfo;
import com.endpointstudio.core.hosting.ModelDataStore.StoredObject;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * S3 as Local hosting reads it for model data: the local bucket folder first, then the AWS connection
 * chosen for Local hosting ({@link S3ModelDataSource}). A Local deploy downloads s3:// model data through
 * it; the multi-model endpoints' listing and the deploy doctor read a Local spec's s3:// prefix
 * through it, as the endpoint will.
 */
final class LocalS3Objects {

    private final LocalHost host;

    LocalS3Objects(LocalHost host) {
        this.host = host;
    }

    /** The objects under the prefix with their sizes, keys relative to it; the local bucket folder's win. */
    List<ObjectInfo> objects(String s3Prefix) {
        Optional<S3ModelDataSource.Opened> opened = host.s3().open();
        try {
            return objects(s3Prefix, opened);
        } finally {
            opened.ifPresent(S3ModelDataSource.Opened::close);
        }
    }

    private List<ObjectInfo> objects(String s3Prefix, Optional<S3ModelDataSource.Opened> s3) {
        String base = s3Prefix.endsWith("/") ? s3Prefix : s3Prefix + "/";
        Map<String, ObjectInfo> found = new TreeMap<>();
        s3.ifPresent(opened -> opened.store().objects(base).forEach(object -> found.put(object.key(), object)));
        for (String uri : host.buckets().list(base)) {
            String key = uri.substring(base.length());
            found.put(key, new ObjectInfo(key, size(host.buckets().path(uri))));
        }
        return List.copyOf(found.values());
    }

    /** Whether the chosen connection's S3 holds an object at this URL (false when none is chosen). */
    boolean inChosenConnection(String s3Url) {
        int slash = s3Url.lastIndexOf('/');
        String base = s3Url.substring(0, slash + 1);
        String key = s3Url.substring(slash + 1);
        return host.s3().open().map(s3 -> {
            try (s3) {
                return s3.store().objects(base).stream().anyMatch(object -> object.key().equals(key));
            }
        }).orElse(false);
    }

    /** One object's body: the local bucket folder's file, else a download through the chosen connection. */
    StoredObject open(String s3Url) {
        Path file = host.buckets().path(s3Url);
        if (Files.isRegularFile(file)) {
            try {
                return new StoredObject(Files.newInputStream(file), Files.size(file));
            } catch (IOException e) {
                throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
            }
        }
        Optional<S3ModelDataSource.Opened> opened = host.s3().open();
        if (opened.isEmpty()) {
            throw new StudioException("There is no object " + s3Url + " in the local bucket folder (no file " + file
                    + "), and no AWS connection is chosen to read S3 through (Settings › Local hosting).",
                    "NoSuchKey", null, null);
        }
        S3ModelDataSource.Opened s3 = opened.get();
        try {
            StoredObject object = s3.store().open(s3Url);
            // the session stays open while the body is read, and closes with it
            InputStream body = new FilterInputStream(object.body()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        s3.close();
                    }
                }
            };
            return new StoredObject(body, object.size());
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /** Model data on this computer, and whether any of its bytes came over the network for it. */
    record Fetched(Path path, boolean sent) {
    }

    /**
     * The model data on this computer, as an instance has it before its container starts: an s3:// archive
     * of the local bucket folder as it is, else downloaded through the chosen connection into
     * {@code downloads}; an s3:// prefix (CompressionType None) as a folder of its objects. A file an
     * earlier deploy downloaded is kept when S3 still holds that version ({@link DownloadedVersions}).
     */
    Fetched fetch(ModelDataSpec data, Path downloads, ProgressListener progress, CancelToken cancel) {
        String url = data.location();
        LocalBuckets copies = new LocalBuckets(downloads.resolve("s3"));
        DownloadedVersions versions = new DownloadedVersions(downloads);
        if (data.uncompressed() || url.endsWith("/")) {
            return prefix(url.endsWith("/") ? url : url + "/", copies, versions, progress, cancel);
        }
        Path inBucket = host.buckets().path(url);
        if (Files.isRegularFile(inBucket)) {
            return new Fetched(inBucket, false);
        }
        Path target = copies.path(url);
        try (S3ModelDataSource.Opened s3 = host.s3().open().orElseThrow(() -> noConnection(url))) {
            return new Fetched(target, download(s3, url, target, versions, progress, cancel));
        }
    }

    /**
     * The prefix's objects as a folder, through one session of the chosen connection (when there is one);
     * files an earlier download left that the prefix no longer holds are deleted, as the folder is the model's.
     */
    private Fetched prefix(String url, LocalBuckets copies, DownloadedVersions versions, ProgressListener progress,
                           CancelToken cancel) {
        Optional<S3ModelDataSource.Opened> opened = host.s3().open();
        try {
            List<ObjectInfo> objects = objects(url, opened);
            if (objects.isEmpty()) {
                throw new StudioException("There is nothing under " + url + " in the local bucket folder"
                        + (opened.isPresent() ? " or in S3." : ", and no AWS connection is chosen to read S3 "
                        + "through (Settings › Local hosting)."));
            }
            long total = objects.stream().mapToLong(ObjectInfo::size).sum();
            long done = 0;
            boolean sent = false;
            for (ObjectInfo object : objects) {
                cancel.throwIfCancelled();
                Path local = host.buckets().path(url + object.key());
                Path target = copies.path(url + object.key());
                long before = done;
                if (Files.isRegularFile(local)) {
                    copy(local, target);
                    versions.forget(target);
                } else {
                    // listed, so it came from the connection's S3
                    sent |= download(opened.orElseThrow(), url + object.key(), target, versions,
                            (bytes, size) -> progress.progress(before + bytes, total), cancel);
                }
                done += object.size();
                progress.progress(done, total);
            }
            Path folder = copies.path(url);
            removeOthers(folder, objects.stream().map(o -> folder.resolve(o.key()).normalize()).toList(), versions);
            return new Fetched(folder, sent);
        } finally {
            opened.ifPresent(S3ModelDataSource.Opened::close);
        }
    }

    /** Deletes the folder's files that are not among {@code keep}: objects deleted from the prefix since. */
    private static void removeOthers(Path folder, List<Path> keep, DownloadedVersions versions) {
        java.util.Set<Path> kept = new java.util.HashSet<>(keep);
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !kept.contains(f.normalize())).toList()) {
                Files.deleteIfExists(file);
                versions.forget(file);
            }
        } catch (IOException e) {
            throw new StudioException("Could not tidy " + folder + ": " + e.getMessage(), e);
        }
    }

    private StudioException noConnection(String url) {
        return new StudioException(url + " is not in the local bucket folder (" + host.buckets().path(url) + "), "
                + "and no AWS connection is chosen to download it through: choose one in Settings › Local "
                + "hosting, or give deploy --local its AWS options.");
    }

    /** One object to a file (its folder made first) through an opened connection. */
    static void download(S3ModelDataSource.Opened s3, String url, Path target, ProgressListener progress,
                         CancelToken cancel) {
        makeFolder(target);
        s3.store().download(url, target, progress, cancel);
    }

    /** One object to a file, unless the file holds the version S3 has now; whether bytes were sent. */
    private static boolean download(S3ModelDataSource.Opened s3, String url, Path target, DownloadedVersions versions,
                                    ProgressListener progress, CancelToken cancel) {
        makeFolder(target);
        return versions.download(s3.store(), url, target, progress, cancel).sent();
    }

    private static void makeFolder(Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new StudioException("Could not make " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StudioException("Could not copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
