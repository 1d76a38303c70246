package com.endpointstudio.core.transform;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Where each field of a {@link TransformJobSpec} goes in CreateTransformJob, so it is checked with
 * that request member's own rule from the generated table. {@code {key}} and {@code {value}} stand
 * for a map's keys and values.
 */
public final class TransformFields {

    private static final String JOB = "CreateTransformJob.";
    private static final String INPUT = JOB + "TransformInput.";
    private static final String OUTPUT = JOB + "TransformOutput.";
    private static final String PROCESSING = JOB + "DataProcessing.";
    private static final String RESOURCES = JOB + "TransformResources.";
    private static final String CLIENT = JOB + "ModelClientConfig.";

    /** Spec field → request member. */
    public static final Map<String, String> API_MEMBERS = Map.ofEntries(
            Map.entry("jobName", JOB + "TransformJobName"),
            Map.entry("modelName", JOB + "ModelName"),
            Map.entry("input.location", INPUT + "DataSource.S3DataSource.S3Uri"),
            Map.entry("input.dataType", INPUT + "DataSource.S3DataSource.S3DataType"),
            Map.entry("input.contentType", INPUT + "ContentType"),
            Map.entry("input.compressionType", INPUT + "CompressionType"),
            Map.entry("input.splitType", INPUT + "SplitType"),
            Map.entry("batchStrategy", JOB + "BatchStrategy"),
            Map.entry("maxPayloadInMB", JOB + "MaxPayloadInMB"),
            Map.entry("maxConcurrentTransforms", JOB + "MaxConcurrentTransforms"),
            Map.entry("output.location", OUTPUT + "S3OutputPath"),
            Map.entry("output.accept", OUTPUT + "Accept"),
            Map.entry("output.assembleWith", OUTPUT + "AssembleWith"),
            Map.entry("output.kmsKeyId", OUTPUT + "KmsKeyId"),
            Map.entry("dataProcessing.inputFilter", PROCESSING + "InputFilter"),
            Map.entry("dataProcessing.joinSource", PROCESSING + "JoinSource"),
            Map.entry("dataProcessing.outputFilter", PROCESSING + "OutputFilter"),
            Map.entry("resources.instanceType", RESOURCES + "InstanceType"),
            Map.entry("resources.instanceCount", RESOURCES + "InstanceCount"),
            Map.entry("resources.volumeKmsKeyId", RESOURCES + "VolumeKmsKeyId"),
            Map.entry("environment", JOB + "Environment"),
            Map.entry("environment{key}", JOB + "Environment{key}"),
            Map.entry("environment{value}", JOB + "Environment{value}"),
            Map.entry("modelClient.invocationsTimeoutSeconds", CLIENT + "InvocationsTimeoutInSeconds"),
            Map.entry("modelClient.invocationsMaxRetries", CLIENT + "InvocationsMaxRetries"),
            Map.entry("tags", JOB + "Tags"),
            Map.entry("tags{key}", JOB + "Tags[].Key"),
            Map.entry("tags{value}", JOB + "Tags[].Value"));

    private TransformFields() {
    }

    public static String apiMember(String field) {
        String member = API_MEMBERS.get(field);
        if (member == null) {
            throw new NoSuchElementException("The transform field " + field + " has no request member");
        }
        return member;
    }
}
