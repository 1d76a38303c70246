package com.endpointstudio.core.transform;

import com.endpointstudio.core.deploy.FieldChecks;
import com.endpointstudio.core.deploy.upload.UploadRule;
import com.endpointstudio.core.error.Validation;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The checks of TransformInput: where the records are, and how they are read. */
final class TransformInputChecks {

    /** Where local input goes in S3 before the job reads it, keyed by its content like model data. */
    static final String UPLOAD_PREFIX = "endpoint-studio/transform-input";
    /** The default bucket is sagemaker-<region>-<account>; the longest region names have 14 characters. */
    private static final int LONGEST_REGION = 14;

    private final FieldChecks fields;
    private final Validation v;
    private final Path baseDir;
    private final String region;
    private final boolean aws;

    TransformInputChecks(FieldChecks fields, Path baseDir, String region, boolean aws) {
        this.fields = fields;
        this.v = fields.validation();
        this.baseDir = baseDir;
        this.region = region;
        this.aws = aws;
    }

    void check(InputSpec input) {
        if (input == null) {
            java.util.List.of("input.location", "input.dataType", "input.contentType", "input.compressionType",
                    "input.splitType").forEach(fields::covered);
            v.require(false, "Input", "is required");
            return;
        }
        checkLocation(input);
        if (input.dataType() != null && fields.text("input.dataType", input.dataType(), false, "Input data type",
                "use S3Prefix or ManifestFile")) {
            // TransformS3DataSource.S3DataType: "The following values are compatible: ManifestFile, S3Prefix. The
            // following value is not compatible: AugmentedManifestFile"
            v.require(input.dataType().equals(TransformJobSpec.S3_PREFIX)
                    || input.dataType().equals(TransformJobSpec.MANIFEST_FILE), "Input data type",
                    input.dataType() + " is not one batch transform reads: use S3Prefix or ManifestFile");
            v.require(!input.dataType().equals(TransformJobSpec.MANIFEST_FILE) || input.isS3(), "Input data type",
                    "a manifest is an S3 object listing S3 keys; give its s3:// URI, or a local file or folder with "
                            + "S3Prefix");
        } else {
            fields.covered("input.dataType");
        }
        TransformValidator.optionalText(fields, "input.contentType", input.contentType(), "Content type",
                "a MIME type");
        TransformValidator.optionalText(fields, "input.compressionType", input.compressionType(), "Compression",
                "use None or Gzip");
        TransformValidator.optionalText(fields, "input.splitType", input.splitType(), "Split type",
                "use None, Line, RecordIO or TFRecord");
    }

    private void checkLocation(InputSpec input) {
        String location = input.location();
        if (location == null || location.isBlank()) {
            fields.covered("input.location");
            v.require(false, "Input", "is required: " + (aws ? "an s3:// prefix or manifest, or " : "") + "a local "
                    + "file or folder");
        } else if (location.contains("://")) {
            fields.text("input.location", location, true, "Input", FieldChecks.S3_HINT);
            v.require(!aws || input.isS3() || !location.toLowerCase(Locale.ROOT).startsWith("s3"), "Input",
                    FieldChecks.S3_HINT);
            v.require(aws, "Input", "Local hosting reads records from this computer; " + location + " is not here: "
                    + "give a local file or folder");
        } else {
            Path local = baseDir.resolve(location);
            fields.covered("input.location");
            if (!Files.exists(local)) {
                v.require(false, "Input", "the local file or folder " + local.toAbsolutePath() + " does not exist");
            } else if (aws) {
                UploadRule.Kind kind = Files.isDirectory(local) ? UploadRule.Kind.FOLDER : UploadRule.Kind.ARCHIVE;
                String bucket = "sagemaker-" + (region != null ? region : "x".repeat(LONGEST_REGION)) + "-123456789012";
                int length = UploadRule.urlLength(bucket, UPLOAD_PREFIX, kind, local);
                long limit = fields.maxLength("input.location");
                v.require(length <= limit, "Input", String.format(Locale.ROOT, "once uploaded, its URL is %,d "
                        + "characters long; the limit is %,d: choose a shorter file name", length, limit));
            }
        }
    }
}
