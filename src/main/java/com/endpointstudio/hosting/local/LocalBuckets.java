package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * S3 as Local hosting plays it: {@code s3://bucket/key} is the file {@code buckets/bucket/key} under
 * the studio's local folder. Asynchronous endpoints read their inputs and write their outputs and
 * failures here, data capture writes its files here; the console and {@code endpoint-studio bucket}
 * read and write them. An object's content type is kept beside it, in {@code bucket/.metadata/}.
 */
public final class LocalBuckets {

    /** S3's naming rules for general purpose buckets (Amazon S3 User Guide, bucketnamingrules.html). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final String METADATA = ".metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public LocalBuckets(Path root) {
        this.root = root;
    }

    /** Where the buckets live on this computer. */
    public Path root() {
        return root;
    }

    /** An object: its bytes and the content type it was written with (null when none was given). */
    public record StoredObject(byte[] body, String contentType) {
    }

    /** The file of an {@code s3://bucket/key} URI; a key ending with / (or none) names a folder. */
    public Path path(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new ValidationException("S3 location", "'" + uri + "' is not an s3://bucket/key URI");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new ValidationException("S3 location", "'" + bucket + "' is not a bucket name: 3 to 63 lowercase "
                    + "letters, digits, dots and hyphens");
        }
        Path bucketDir = root.resolve(bucket).normalize();
        Path file = bucketDir.resolve(key).normalize();
        if (!file.startsWith(bucketDir) || key.startsWith(METADATA + "/") || key.contains("/" + METADATA + "/")) {
            throw new ValidationException("S3 location", "'" + uri + "' leaves its bucket");
        }
        return file;
    }

    public boolean exists(String uri) {
        return Files.isRegularFile(path(uri));
    }

    public Optional<StoredObject> read(String uri) {
        Path file = path(uri);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] body = Files.readAllBytes(file);
            Path meta = metadata(uri);
            String contentType = null;
            if (Files.exists(meta)) {
                contentType = (String) JSON.readValue(meta.toFile(), Map.class).get("ContentType");
            }
            return Optional.of(new StoredObject(body, contentType));
        } catch (IOException e) {
            throw new StudioException("Could not read " + uri + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** Writes an object whole (a reader never sees half of it), replacing one already there, as a PUT does. */
    public Path write(String uri, byte[] body, String contentType) {
        Path file = path(uri);
        if (uri.endsWith("/")) {
            throw new ValidationException("S3 location", "'" + uri + "' names a folder, not an object");
        }
        try {
            Path meta = metadata(uri);
            if (contentType != null) {
                AtomicFiles.write(meta, JSON.writeValueAsBytes(Map.of("ContentType", contentType)));
            } else {
                Files.deleteIfExists(meta);
            }
            AtomicFiles.write(file, body);
            return file;
        } catch (IOException e) {
            throw new StudioException("Could not write " + uri + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The keys under a prefix, as full s3:// URIs, sorted. */
    public List<String> list(String prefixUri) {
        Path start = path(prefixUri);
        String bucket = prefixUri.substring(5).split("/", 2)[0];
        Path bucketDir = root.resolve(bucket);
        Path walkFrom = Files.isDirectory(start) ? start : start.getParent();
        if (walkFrom == null || !Files.isDirectory(walkFrom)) {
            return List.of();
        }
        String keyPrefix = prefixUri.substring(5 + bucket.length()).replaceFirst("^/", "");
        try (Stream<Path> walk = Files.walk(walkFrom)) {
            return walk.filter(Files::isRegularFile)
                    .map(f -> bucketDir.relativize(f).toString().replace('\\', '/'))
                    .filter(key -> !key.startsWith(METADATA + "/") && key.startsWith(keyPrefix))
                    .sorted().map(key -> "s3://" + bucket + "/" + key).toList();
        } catch (IOException e) {
            throw new StudioException("Could not list " + prefixUri + ": " + e.getMessage(), e);
        }
    }

    private Path metadata(String uri) {
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        return root.resolve(rest.substring(0, slash)).resolve(METADATA).resolve(rest.substring(slash + 1) + ".json");
    }
}
