package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch transform as the requests that run it, for the boto3 and AWS CLI exports (CloudFormation has no
 * transform job resource): the uploads of local model data and local input, under the keys the studio
 * uses, then CreateModel when no Model of that name exists, then CreateTransformJob — member by member
 * what the studio sends.
 */
public final class TransformExport {

    /** Where local input goes, as the studio uploads it. */
    public static final String INPUT_PREFIX = "endpoint-studio/transform-input";

    private final TransformJobSpec job;
    private final ExportPlan plan;
    private final Map<String, Object> createTransformJob = new LinkedHashMap<>();

    /** @param model the Model to create when none of its name exists, or null to use an existing one */
    public TransformExport(TransformJobSpec job, ModelSpec model) {
        this.job = job;
        this.plan = new ExportPlan(model, TransformTags.forJob(job));
        Object input = job.input().isS3() ? job.input().location() : plan.upload(job.input().location(), INPUT_PREFIX);
        build(input);
    }

    public TransformJobSpec job() {
        return job;
    }

    ExportPlan plan() {
        return plan;
    }

    /** The CreateModel request, or null when the job uses an existing Model. */
    Map<String, Object> createModel() {
        return plan.createModels().isEmpty() ? null : plan.createModels().get(0);
    }

    Map<String, Object> createTransformJob() {
        return createTransformJob;
    }

    /** The order of CreateTransformJob's members in the service model; unset options are left out. */
    private void build(Object inputUri) {
        createTransformJob.put("TransformJobName", job.jobName());
        createTransformJob.put("ModelName", job.modelName());
        put(createTransformJob, "MaxConcurrentTransforms", job.maxConcurrentTransforms());
        if (job.modelClient() != null) {
            Map<String, Object> client = new LinkedHashMap<>();
            put(client, "InvocationsTimeoutInSeconds", job.modelClient().invocationsTimeoutSeconds());
            put(client, "InvocationsMaxRetries", job.modelClient().invocationsMaxRetries());
            createTransformJob.put("ModelClientConfig", client);
        }
        put(createTransformJob, "MaxPayloadInMB", job.maxPayloadInMB());
        put(createTransformJob, "BatchStrategy", job.batchStrategy());
        if (!job.environment().isEmpty()) {
            createTransformJob.put("Environment", new TreeMap<>(job.environment()));
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("S3DataType", job.input().dataType() == null ? TransformJobSpec.S3_PREFIX : job.input().dataType());
        source.put("S3Uri", inputUri);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("DataSource", Map.of("S3DataSource", source));
        put(input, "ContentType", job.input().contentType());
        put(input, "CompressionType", job.input().compressionType());
        put(input, "SplitType", job.input().splitType());
        createTransformJob.put("TransformInput", input);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("S3OutputPath", job.output().location());
        put(output, "Accept", job.output().accept());
        put(output, "AssembleWith", job.output().assembleWith());
        put(output, "KmsKeyId", job.output().kmsKeyId());
        createTransformJob.put("TransformOutput", output);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("InstanceType", job.resources().instanceType());
        resources.put("InstanceCount", job.resources().instanceCount());
        put(resources, "VolumeKmsKeyId", job.resources().volumeKmsKeyId());
        createTransformJob.put("TransformResources", resources);
        if (job.dataProcessing() != null) {
            Map<String, Object> processing = new LinkedHashMap<>();
            put(processing, "InputFilter", job.dataProcessing().inputFilter());
            put(processing, "OutputFilter", job.dataProcessing().outputFilter());
            put(processing, "JoinSource", job.dataProcessing().joinSource());
            createTransformJob.put("DataProcessing", processing);
        }
        createTransformJob.put("Tags", plan.tags());
    }

    private static void put(Map<String, Object> map, String member, Object value) {
        if (value != null) {
            map.put(member, value);
        }
    }

    /** "transform-NAME.py" or ".sh". */
    public String fileName(String extension) {
        return "transform-" + job.jobName() + "." + extension;
    }

    /** The job as a Python script over boto3. */
    public String boto3() {
        return new TransformBoto3Script(this).write();
    }

    /** The job as a bash script of AWS CLI commands. */
    public String awsCli() {
        return new TransformCliScript(this).write();
    }
}
