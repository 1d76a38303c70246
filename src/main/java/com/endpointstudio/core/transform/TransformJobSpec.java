package com.endpointstudio.core.transform;

import java.util.Map;

/**
 * One batch transform job, as CreateTransformJob takes it: the Model that scores, where the records
 * come from and how they are split and batched, where the results go and how they are assembled,
 * the data-processing filters, and the instances. Optional members are null when the job leaves
 * them to SageMaker (or to the container's execution parameters).
 *
 * @param batchStrategy           MultiRecord or SingleRecord, or null
 * @param maxPayloadInMB          the largest request body, in MB (0: no limit, chunked), or null for 6
 * @param maxConcurrentTransforms parallel requests per instance, or null
 * @param dataProcessing          InputFilter, JoinSource and OutputFilter, or null for none
 * @param environment             variables the container gets on top of the Model's
 * @param modelClient             the invocation timeout and retries, or null for SageMaker's defaults
 * @param tags                    the user's tags; the studio adds its own
 */
public record TransformJobSpec(String jobName, String modelName, InputSpec input, String batchStrategy,
                               Integer maxPayloadInMB, Integer maxConcurrentTransforms, OutputSpec output,
                               DataProcessingSpec dataProcessing, ResourcesSpec resources,
                               Map<String, String> environment, ModelClientSpec modelClient,
                               Map<String, String> tags) {

    public static final String SPLIT_NONE = "None";
    public static final String SPLIT_LINE = "Line";
    public static final String SPLIT_RECORDIO = "RecordIO";
    public static final String SPLIT_TFRECORD = "TFRecord";
    public static final String SINGLE_RECORD = "SingleRecord";
    public static final String MULTI_RECORD = "MultiRecord";
    public static final String S3_PREFIX = "S3Prefix";
    public static final String MANIFEST_FILE = "ManifestFile";

    public TransformJobSpec {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * TransformInput: the data and how it is read.
     *
     * @param location        an s3:// prefix or manifest, or a local file or folder (uploaded first on AWS)
     * @param dataType        S3Prefix (default) or ManifestFile
     * @param contentType     the MIME type sent with each request, or null
     * @param compressionType None (default) or Gzip
     * @param splitType       None (default: one request per file), Line, RecordIO or TFRecord
     */
    public record InputSpec(String location, String dataType, String contentType, String compressionType,
                            String splitType) {

        public boolean isS3() {
            return location != null && location.startsWith("s3://");
        }

        /** The split type, None when unset. */
        public String split() {
            return splitType == null ? SPLIT_NONE : splitType;
        }

        public boolean gzip() {
            return "Gzip".equals(compressionType);
        }
    }

    /**
     * TransformOutput.
     *
     * @param location     an s3:// prefix, or a local folder (Local hosting)
     * @param accept       the MIME type asked of the model, or null
     * @param assembleWith None (default: the answers concatenated) or Line
     * @param kmsKeyId     the KMS key that encrypts the results in S3, or null
     */
    public record OutputSpec(String location, String accept, String assembleWith, String kmsKeyId) {

        public boolean lines() {
            return "Line".equals(assembleWith);
        }
    }

    /**
     * DataProcessing: JSONPath filters on each record and on the joined result.
     *
     * @param inputFilter  what of each record is sent to the model; null or "$" for all of it
     * @param joinSource   Input to join each record with its result, None (or null) for the result alone
     * @param outputFilter what of the (joined) result is written; null or "$" for all of it
     */
    public record DataProcessingSpec(String inputFilter, String joinSource, String outputFilter) {

        public boolean joinsInput() {
            return "Input".equals(joinSource);
        }

        /** Whether anything differs from SageMaker's defaults ("$", None, "$"). */
        public boolean active() {
            return joinsInput() || !isRoot(inputFilter) || !isRoot(outputFilter);
        }

        static boolean isRoot(String path) {
            return path == null || path.isBlank() || path.strip().equals("$");
        }
    }

    /** TransformResources. @param volumeKmsKeyId the KMS key of the instances' storage volumes, or null */
    public record ResourcesSpec(String instanceType, int instanceCount, String volumeKmsKeyId) {
    }

    /**
     * ModelClientConfig.
     *
     * @param invocationsTimeoutSeconds how long one request may take, or null for 600
     * @param invocationsMaxRetries     how often a failed request is sent again, or null for 3
     */
    public record ModelClientSpec(Integer invocationsTimeoutSeconds, Integer invocationsMaxRetries) {
    }

    /** The job's data processing, SageMaker's defaults when none is set. */
    public DataProcessingSpec processing() {
        return dataProcessing == null ? new DataProcessingSpec(null, null, null) : dataProcessing;
    }

    /** The same job reading its input from another location (where a local input was uploaded). */
    public TransformJobSpec withInputLocation(String location) {
        return new TransformJobSpec(jobName, modelName, new InputSpec(location, input.dataType(), input.contentType(),
                input.compressionType(), input.splitType()), batchStrategy, maxPayloadInMB, maxConcurrentTransforms,
                output, dataProcessing, resources, environment, modelClient, tags);
    }

    /** The same job scoring with another Model. */
    public TransformJobSpec withModelName(String model) {
        return new TransformJobSpec(jobName, model, input, batchStrategy, maxPayloadInMB, maxConcurrentTransforms,
                output, dataProcessing, resources, environment, modelClient, tags);
    }
}
