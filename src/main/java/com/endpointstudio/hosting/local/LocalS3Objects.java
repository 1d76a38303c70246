package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore.ObjectInfo;
import com.endpointstudio.core.hosting.ModelDataStore.StoredObject;
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
 * chosen for Local hosting ({@link S3ModelDataSource}). The multi-model endpoints' listing and the deploy
 * doctor read a Local spec's s3:// prefix through it, as the endpoint will.
 */
final class LocalS3Objects {

    private final LocalHost host;

    LocalS3Objects(LocalHost host) {
        this.host = host;
    }

    /** The objects under the prefix with their sizes, keys relative to it; the local bucket folder's win. */
    List<ObjectInfo> objects(String s3Prefix) {
        String base = s3Prefix.endsWith("/") ? s3Prefix : s3Prefix + "/";
        Map<String, ObjectInfo> found = new TreeMap<>();
        host.s3().open().ifPresent(s3 -> {
            try (s3) {
                s3.store().objects(base).forEach(object -> found.put(object.key(), object));
            }
        });
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
