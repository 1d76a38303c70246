package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where local model data goes in S3 — the one rule the deployment runner and every export follow.
 * The key carries the content's SHA-256 ({@link ContentDigest}): {@code [prefix]/[sha256]/[file name]}
 * for a model.tar.gz, {@code [prefix]/[sha256]/model.tar.gz} for a folder packed on the way, and
 * {@code [prefix]/[sha256]/} with the folder's files below it for uncompressed model data. Identical
 * content lands on the same key and is uploaded once; different content can never share a key, so an
 * upload never replaces bytes another Model points at.
 */
public final class UploadRule {

    /** The key prefix when the spec names none. */
    public static final String DEFAULT_PREFIX = "endpoint-studio";
    /** The name of a folder's archive when the upload packs it. */
    public static final String PACKED_NAME = "model.tar.gz";
    /** Characters of a hex SHA-256, the key segment that names the content. */
    public static final int DIGEST_LENGTH = 64;

    /** How a local artifact reaches S3. */
    public enum Kind {
        /** a model.tar.gz, copied as it is */
        ARCHIVE,
        /** a folder packed into model.tar.gz, whose files become the archive root */
        PACKED_FOLDER,
        /** a folder of loose files copied under a prefix (CompressionType None) */
        FOLDER
    }

    /**
     * One local artifact's place in S3.
     *
     * @param bucket null for the default bucket, {@code sagemaker-<region>-<account>}
     * @param key    the object's key, or the prefix of a folder's files (ending with "/")
     */
    public record Target(Path source, Kind kind, String bucket, String key, String digest) {

        public boolean isDefaultBucket() {
            return bucket == null;
        }

        public String uri(String defaultBucket) {
            return "s3://" + (bucket == null ? defaultBucket : bucket) + "/" + key;
        }
    }

    private UploadRule() {
    }

    public static Kind kind(ModelDataSpec data, Path source) {
        return kind(data, Files.isDirectory(source));
    }

    /** The kind, when whether the source is a folder is already known. */
    public static Kind kind(ModelDataSpec data, boolean folder) {
        return !folder ? Kind.ARCHIVE : data.uncompressed() ? Kind.FOLDER : Kind.PACKED_FOLDER;
    }

    /** The target of local model data, its digest computed (or remembered) first. */
    public static Target target(ModelDataSpec data, Path source, CancelToken cancel) {
        Kind kind = kind(data, source);
        String digest = kind == Kind.ARCHIVE ? ContentDigest.file(source, cancel) : ContentDigest.folder(source, cancel);
        return new Target(source, kind, blankToNull(data.uploadBucket()), key(data.uploadPrefix(), digest, kind, source),
                digest);
    }

    public static String key(String uploadPrefix, String digest, Kind kind, Path source) {
        String base = prefix(uploadPrefix) + "/" + digest + "/";
        return switch (kind) {
            case ARCHIVE -> base + source.getFileName();
            case PACKED_FOLDER -> base + PACKED_NAME;
            case FOLDER -> base;
        };
    }

    /** The spec's key prefix without slashes at its ends, or {@link #DEFAULT_PREFIX}. */
    public static String prefix(String uploadPrefix) {
        return uploadPrefix == null || uploadPrefix.isBlank() ? DEFAULT_PREFIX
                : uploadPrefix.strip().replaceAll("^/+|/+$", "");
    }

    /** The length of the URL CreateModel will get, known before the digest is: it is always 64 characters. */
    public static int urlLength(String bucket, String uploadPrefix, Kind kind, Path source) {
        return ("s3://" + bucket + "/").length() + key(uploadPrefix, "0".repeat(DIGEST_LENGTH), kind, source).length();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
