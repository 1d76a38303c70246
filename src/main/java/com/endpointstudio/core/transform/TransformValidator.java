package com.endpointstudio.core.transform;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.FieldChecks;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.rules.ApiRuleTable;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.Validation;
import com.endpointstudio.core.instance.InstanceStorage;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a batch transform before any call: every field against the rule CreateTransformJob's service
 * model declares for it ({@link TransformFields}, through the generated {@link ApiRuleTable}), then the
 * rules between fields that the API reference and the Developer Guide state, each citing its source.
 * Messages name the field as the Batch transform screen shows it.
 */
public final class TransformValidator {

    static final String NAME_HINT = "1 to 63 letters, digits and hyphens, starting and ending with a letter or digit";
    /** CreateTransformJob.MaxPayloadInMB: "The value of MaxPayloadInMB cannot be greater than 100 MB." */
    static final int MAX_PAYLOAD_MB = 100;
    /** TransformResources.InstanceCount: "The default value is 1, and the maximum is 100." */
    static final int MAX_INSTANCES = 100;
    private static final Set<String> PROCESSED_TYPES = Set.of("text/csv", "application/json", "application/jsonlines");

    private final Path baseDir;
    private final String region;
    private final boolean aws;

    public TransformValidator(Path baseDir) {
        this(baseDir, null, true);
    }

    private TransformValidator(Path baseDir, String region, boolean aws) {
        this.baseDir = baseDir;
        this.region = region;
        this.aws = aws;
    }

    public static TransformValidator forWorkingFolder() {
        return new TransformValidator(Path.of(""));
    }

    /** On this computer: input and output are local, no role is assumed and no image runs. */
    public TransformValidator forLocalHosting() {
        return new TransformValidator(baseDir, region, false);
    }

    public TransformValidator inRegion(String region) {
        return new TransformValidator(baseDir, region == null || region.isBlank() ? null : region, aws);
    }

    /**
     * @param modelToCreate the Model the job creates first (from a spec or a packaged archive), or null when
     *                      it scores with an existing Model
     */
    public void validate(TransformJobSpec job, ModelSpec modelToCreate) {
        Validation validation = new Validation();
        check(job, modelToCreate, fields(validation));
        validation.throwIfInvalid();
    }

    public List<FieldError> errors(TransformJobSpec job, ModelSpec modelToCreate) {
        Validation validation = new Validation();
        check(job, modelToCreate, fields(validation));
        return validation.errors();
    }

    /** The fields the checks of this job went through. */
    Set<String> checkedFields(TransformJobSpec job) {
        FieldChecks fields = fields(new Validation());
        check(job, null, fields);
        return fields.checkedFields();
    }

    private static FieldChecks fields(Validation validation) {
        return new FieldChecks(ApiRuleTable.bundled(), validation, TransformFields::apiMember);
    }

    private void check(TransformJobSpec job, ModelSpec model, FieldChecks fields) {
        Validation v = fields.validation();
        fields.text("jobName", job.jobName(), true, "Job name", NAME_HINT);
        fields.text("modelName", job.modelName(), true, "Model", NAME_HINT);
        if (model != null) {
            v.require(model.name() == null || model.name().equals(job.modelName()), "Model",
                    "the job names " + job.modelName() + " but creates the Model " + model.name());
            SpecValidator models = new SpecValidator(baseDir).inRegion(region);
            (aws ? models : models.forLocalHosting()).modelErrors(model)
                    .forEach(error -> v.require(false, error.field(), error.message()));
        }
        new TransformInputChecks(fields, baseDir, region, aws).check(job.input());
        checkBatching(job, fields);
        checkOutput(job.output(), fields);
        checkProcessing(job, fields);
        checkResources(job, fields);
        checkEnvironment(job.environment(), fields);
        checkClient(job, fields);
        checkTags(job, fields);
    }

    private static void checkBatching(TransformJobSpec job, FieldChecks fields) {
        Validation v = fields.validation();
        optionalText(fields, "batchStrategy", job.batchStrategy(), "Batch strategy", "use SingleRecord or MultiRecord");
        if (job.maxPayloadInMB() != null) {
            fields.number("maxPayloadInMB", job.maxPayloadInMB(), "Max payload (MB)");
            v.require(job.maxPayloadInMB() <= MAX_PAYLOAD_MB, "Max payload (MB)", "is " + job.maxPayloadInMB()
                    + "; it cannot be greater than " + MAX_PAYLOAD_MB + " MB");
        } else {
            fields.covered("maxPayloadInMB");
        }
        if (job.maxConcurrentTransforms() != null) {
            fields.number("maxConcurrentTransforms", job.maxConcurrentTransforms(), "Max concurrent transforms");
        } else {
            fields.covered("maxConcurrentTransforms");
        }
        if (job.maxPayloadInMB() != null && job.maxConcurrentTransforms() != null) {
            // CreateTransformJob.MaxPayloadInMB: "If you specify the MaxConcurrentTransforms parameter, the value
            // of (MaxConcurrentTransforms * MaxPayloadInMB) also cannot exceed 100 MB."
            long product = (long) job.maxPayloadInMB() * job.maxConcurrentTransforms();
            v.require(product <= MAX_PAYLOAD_MB, "Max concurrent transforms", job.maxConcurrentTransforms() + " × "
                    + job.maxPayloadInMB() + " MB is " + product + " MB in flight; the limit is " + MAX_PAYLOAD_MB
                    + " MB: lower one of them");
        }
    }

    private void checkOutput(OutputSpec output, FieldChecks fields) {
        Validation v = fields.validation();
        String location = output == null ? null : output.location();
        if (location == null || location.isBlank()) {
            fields.covered("output.location");
            v.require(false, "Output", aws ? "is required: an s3://bucket/prefix" : "is required: a folder");
        } else if (aws) {
            // TransformOutput.S3OutputPath: "The Amazon S3 path where you want Amazon SageMaker to store the results"
            if (fields.text("output.location", location, true, "Output", FieldChecks.S3_HINT)) {
                v.require(location.startsWith("s3://"), "Output", "'" + location + "' is not in S3: "
                        + FieldChecks.S3_HINT);
            }
        } else {
            fields.covered("output.location");
            Path folder = baseDir.resolve(location);
            v.require(!location.contains("://"), "Output", "Local hosting writes results to a folder of this "
                    + "computer; " + location + " is not one");
            v.require(location.contains("://") || !Files.exists(folder) || Files.isDirectory(folder), "Output",
                    folder + " is a file; give a folder");
        }
        if (output == null) {
            List.of("output.accept", "output.assembleWith", "output.kmsKeyId").forEach(fields::covered);
            return;
        }
        optionalText(fields, "output.accept", output.accept(), "Accept", "a MIME type");
        optionalText(fields, "output.assembleWith", output.assembleWith(), "Assemble with", "use None or Line");
        optionalText(fields, "output.kmsKeyId", output.kmsKeyId(), "Output KMS key", FieldChecks.KMS_HINT);
    }

    private static void checkProcessing(TransformJobSpec job, FieldChecks fields) {
        Validation v = fields.validation();
        DataProcessingSpec processing = job.processing();
        String contentType = mediaType(job.input() == null ? null : job.input().contentType());
        boolean csv = "text/csv".equals(contentType);
        checkPath(fields, "dataProcessing.inputFilter", processing.inputFilter(), "Input filter", csv);
        optionalText(fields, "dataProcessing.joinSource", processing.joinSource(), "Join source", "use None or Input");
        boolean joinedCsv = csv && processing.joinsInput();
        checkPath(fields, "dataProcessing.outputFilter", processing.outputFilter(), "Output filter",
                joinedCsv || !processing.joinsInput() && "text/csv".equals(mediaType(job.output().accept())));
        if (!processing.active()) {
            return;
        }
        // batch-transform-data-processing.html: "you must set both the Content Type and Accept parameters to one
        // of the following values: text/csv, application/json, or application/jsonlines".
        String accept = mediaType(job.output() == null ? null : job.output().accept());
        v.require(contentType != null && PROCESSED_TYPES.contains(contentType), "Content type", (contentType == null ? "none is set"
                : "'" + contentType + "' is not text/csv, application/json or application/jsonlines")
                + "; the data-processing filters and joins read only those");
        v.require(accept != null && PROCESSED_TYPES.contains(accept), "Accept", (accept == null ? "none is set"
                : "'" + accept + "' is not text/csv, application/json or application/jsonlines")
                + "; the data-processing filters and joins read only those");
        if (csv && job.input() != null) {
            // Same page: "If you set input and output formats to text/csv, you must also set the SplitType and
            // AssemblyType parameters to line."
            v.require(TransformJobSpec.SPLIT_LINE.equals(job.input().splitType()), "Split type",
                    "filtering or joining CSV records needs SplitType Line");
            v.require(job.output() != null && job.output().lines(), "Assemble with",
                    "filtering or joining CSV records needs AssembleWith Line");
        }
    }

    private static void checkPath(FieldChecks fields, String field, String path, String label, boolean csv) {
        if (path == null) {
            fields.covered(field);
            return;
        }
        if (!fields.text(field, path, false, label, "a JSONPath such as $[1:] or $.features") || path.isBlank()) {
            return;
        }
        try {
            JsonPathFilter filter = JsonPathFilter.parse(path);
            // "For CSV data, each row is taken as a JSON array, so only index based JSONPaths can be applied"
            fields.validation().require(!csv || filter.indexesOnly(), label, "'" + path + "' names attributes, but a "
                    + "CSV record is an array of fields: use indexes, like $[0] or $[1:]");
        } catch (IllegalArgumentException e) {
            fields.validation().require(false, label, "'" + path + "' is not a JSONPath SageMaker takes: "
                    + e.getMessage());
        }
    }

    private static void checkResources(TransformJobSpec job, FieldChecks fields) {
        Validation v = fields.validation();
        TransformJobSpec.ResourcesSpec resources = job.resources();
        if (resources == null) {
            fields.covered("resources.instanceType");
            fields.covered("resources.instanceCount");
            fields.covered("resources.volumeKmsKeyId");
            v.require(false, "Instance type", "is required");
            return;
        }
        fields.text("resources.instanceType", resources.instanceType(), true, "Instance type",
                "use an instance type batch transform runs on, like ml.m5.large");
        fields.number("resources.instanceCount", resources.instanceCount(), "Instance count");
        v.require(resources.instanceCount() <= MAX_INSTANCES, "Instance count", "is " + resources.instanceCount()
                + "; the maximum is " + MAX_INSTANCES);
        optionalText(fields, "resources.volumeKmsKeyId", resources.volumeKmsKeyId(), "Volume KMS key",
                FieldChecks.KMS_HINT);
        // TransformResources.VolumeKmsKeyId: "You can't request a VolumeKmsKeyId when using an instance type with
        // local storage."
        v.require(resources.volumeKmsKeyId() == null || !InstanceStorage.hasLocalStorage(resources.instanceType()),
                "Volume KMS key", resources.instanceType() + " keeps its volumes on local NVMe storage, which its "
                        + "hardware encrypts: SageMaker refuses a KMS key for it. Leave the key empty or choose another "
                        + "type");
    }

    private static void checkEnvironment(Map<String, String> environment, FieldChecks fields) {
        fields.count("environment", environment.size(), "Environment", "variables");
        fields.covered("environment{key}");
        fields.covered("environment{value}");
        new TreeMap<>(environment).forEach((key, value) -> {
            String field = "Environment " + (key.isEmpty() ? "(empty name)" : key);
            fields.text("environment{key}", key, true, field,
                    "a name is letters, digits and _, not starting with a digit");
            fields.text("environment{value}", value == null ? "" : value, false, field + " value", "");
        });
    }

    private static void checkClient(TransformJobSpec job, FieldChecks fields) {
        var client = job.modelClient();
        if (client != null && client.invocationsTimeoutSeconds() != null) {
            fields.number("modelClient.invocationsTimeoutSeconds", client.invocationsTimeoutSeconds(),
                    "Invocation timeout (s)");
        } else {
            fields.covered("modelClient.invocationsTimeoutSeconds");
        }
        if (client != null && client.invocationsMaxRetries() != null) {
            fields.number("modelClient.invocationsMaxRetries", client.invocationsMaxRetries(), "Invocation retries");
        } else {
            fields.covered("modelClient.invocationsMaxRetries");
        }
    }

    private void checkTags(TransformJobSpec job, FieldChecks fields) {
        Validation v = fields.validation();
        fields.covered("tags{key}");
        fields.covered("tags{value}");
        new TreeMap<>(job.tags()).forEach((key, value) -> {
            String field = "Tag " + (key.isEmpty() ? "(empty key)" : key);
            fields.text("tags{key}", key, true, field, "a key is letters, digits, spaces and _ . : / = + - @");
            // AWS reserves the aws: prefix for its own tags (Tagging AWS resources, "Tag naming limits").
            v.require(!key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:"), field,
                    "keys starting with aws: are reserved by AWS");
            v.require(!key.startsWith(StudioTags.PREFIX), field,
                    "keys starting with " + StudioTags.PREFIX + " are reserved for the studio's own tags");
            fields.text("tags{value}", value == null ? "" : value, false, field + " value",
                    "letters, digits, spaces and _ . : / = + - @ only");
        });
        fields.count("tags", TransformTags.forJob(job).size(), "Tags", "tags with the studio's own");
    }

    static void optionalText(FieldChecks fields, String field, String value, String label, String hint) {
        if (value == null) {
            fields.covered(field);
        } else {
            fields.text(field, value, false, label, hint);
        }
    }

    static String mediaType(String value) {
        return value == null || value.isBlank() ? null
                : value.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }
}
