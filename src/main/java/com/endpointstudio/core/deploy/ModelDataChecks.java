package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.upload.UploadRule;
import com.endpointstudio.core.error.Validation;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks of a container's model data: the URL CreateModel gets (as given, or the one an upload of
 * local data will produce), and what a local artifact must be for SageMaker to unpack it.
 */
final class ModelDataChecks {

    /** Any "scheme://" start: such a location is a URL, never a local path. */
    private static final Pattern LOOKS_LIKE_URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");
    /** S3's naming rules for general purpose buckets (Amazon S3 User Guide, bucketnamingrules.html). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /**
     * The default bucket is {@code sagemaker-<region>-<account>}; with no region known, the longest
     * region names (ap-southeast-7, cn-northwest-1: 14 characters) bound its length.
     */
    private static final int LONGEST_REGION = 14;

    private final FieldChecks fields;
    private final Validation v;
    private final Path baseDir;
    private final String region;
    /** False on Local hosting, where a multi-model container loads its models from a folder of this computer. */
    private final boolean aws;
    private final Function<Path, LocalArtifact> artifacts;

    /** The folder relative local paths are resolved against. */
    Path baseDir() {
        return baseDir;
    }

    ModelDataChecks(FieldChecks fields, Path baseDir, String region, boolean aws,
                    Function<Path, LocalArtifact> artifacts) {
        this.fields = fields;
        this.v = fields.validation();
        this.baseDir = baseDir;
        this.region = region;
        this.aws = aws;
        this.artifacts = artifacts;
    }

    void check(ContainerSpec container, String label) {
        ModelDataSpec data = container.modelData();
        fields.covered("models[].containers[].modelData.uncompressed"); // a boolean: None or Gzip
        fields.covered("models[].containers[].modelData.uploadBucket");
        fields.covered("models[].containers[].modelData.uploadPrefix");
        if (data == null) {
            fields.covered("models[].containers[].modelData.location");
        } else {
            checkLocation(data, label + "Model data");
            if (data.uploadBucket() != null) {
                v.require(BUCKET.matcher(data.uploadBucket()).matches(), label + "Upload bucket", "'"
                        + data.uploadBucket() + "' is not a bucket name: 3 to 63 lowercase letters, digits, dots and "
                        + "hyphens, starting and ending with a letter or digit");
            }
            if (data.uploadPrefix() != null) {
                v.require(!data.uploadPrefix().startsWith("/"), label + "Upload prefix", "must not start with /");
            }
        }
        if ("MultiModel".equals(container.mode())) {
            String location = data == null ? null : data.location();
            // A multi-model container loads the models under an S3 prefix (Developer Guide,
            // create-multi-model-endpoint.html: ModelDataUrl is the prefix of the model artifacts).
            boolean prefix = location != null && location.startsWith("s3://") && location.endsWith("/");
            LocalArtifact local = aws || location == null || LOOKS_LIKE_URL.matcher(location).lookingAt() ? null
                    : artifacts.apply(baseDir.resolve(location));
            boolean folder = local == LocalArtifact.FOLDER || local == LocalArtifact.NOT_READ_YET;
            v.require(prefix || folder, label + "Model data", aws
                    ? "a multi-model endpoint loads its models from an S3 prefix ending with / (s3://bucket/models/)"
                    : "a multi-model endpoint loads its models from a folder of model.tar.gz archives on this computer "
                            + "(or, on AWS, an S3 prefix ending with /)");
        }
    }

    private void checkLocation(ModelDataSpec data, String field) {
        String location = data.location();
        if (location == null || location.isBlank()) {
            fields.covered("models[].containers[].modelData.location");
            v.require(false, field, "is required: an s3:// URI or a local model.tar.gz or folder");
        } else if (LOOKS_LIKE_URL.matcher(location).lookingAt()) {
            fields.text("models[].containers[].modelData.location", location, true, field,
                    "use s3://bucket/key or https://…, or a local file or folder");
        } else {
            checkLocal(data, baseDir.resolve(location), field);
        }
    }

    private void checkLocal(ModelDataSpec data, Path local, String field) {
        LocalArtifact artifact = artifacts.apply(local);
        if (artifact == LocalArtifact.NOT_READ_YET) {
            fields.covered("models[].containers[].modelData.location"); // checked again once it is read
            return;
        }
        if (artifact == LocalArtifact.MISSING) {
            fields.covered("models[].containers[].modelData.location");
            v.require(false, field, "the local file or folder " + local.toAbsolutePath() + " does not exist");
            return;
        }
        boolean folder = artifact == LocalArtifact.FOLDER;
        if (data.uncompressed() && !folder) {
            v.require(false, field, "uncompressed model data is a folder of loose files; " + local + " is a file");
        } else if (!folder && artifact != LocalArtifact.TAR_GZ) {
            // ContainerDefinition.ModelDataUrl: "This path must point to a single gzip compressed tar
            // archive (.tar.gz suffix)." SageMaker unpacks it into /opt/ml/model.
            v.require(false, field, local.getFileName() + " is not a gzip-compressed tar archive; SageMaker unpacks "
                    + "model data from one model.tar.gz: package it first, give its folder (packed on upload), or "
                    + "mark the model data uncompressed");
        }
        UploadRule.Kind kind = UploadRule.kind(data, folder);
        String bucket = data.uploadBucket() != null ? data.uploadBucket()
                : "sagemaker-" + (region != null ? region : "x".repeat(LONGEST_REGION)) + "-123456789012";
        int length = UploadRule.urlLength(bucket, data.uploadPrefix(), kind, local);
        long limit = fields.maxLength("models[].containers[].modelData.location");
        v.require(length <= limit, field, String.format(java.util.Locale.ROOT, "once uploaded, its URL (s3://%s/%s) "
                        + "is %,d characters long; the limit is %,d: choose a shorter bucket, key prefix or file name",
                bucket, UploadRule.key(data.uploadPrefix(), "<sha256>", kind, local), length, limit));
    }
}
