package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SageMaker Python SDK v2's configuration objects and models as Python expressions, with the
 * keyword arguments of their constructors (v2.257.6). Each is written so that its request dict is the
 * member the studio's own request carries.
 */
final class SdkConfigs {

    private SdkConfigs() {
    }

    /**
     * {@code Model(...)} or {@code MultiDataModel(...)} of one container of a CreateModel request.
     *
     * @param model the model when this container is the whole model (name, role, network), or null
     *              for a model inside a PipelineModel
     */
    static String model(String className, Map<?, ?> container, ModelSpec model, int indent) {
        Map<String, Object> args = new LinkedHashMap<>();
        boolean multi = className.equals("MultiDataModel");
        if (multi) {
            // multidatamodel.py: name and model_data_prefix come first; the rest are Model's arguments
            args.put("name", model.name());
            args.put("model_data_prefix", container.get("ModelDataUrl"));
        }
        args.put("image_uri", container.get("Image"));
        if (!multi && container.get("ModelDataUrl") != null) {
            args.put("model_data", container.get("ModelDataUrl"));
        } else if (container.get("ModelDataSource") != null) {
            args.put("model_data", container.get("ModelDataSource")); // model.py takes the S3DataSource dict
        }
        if (container.get("Environment") != null) {
            args.put("env", container.get("Environment"));
        }
        if (model != null) {
            if (!multi) {
                args.put("name", model.name());
            }
            args.put("role", model.executionRoleArn());
            network(args, model);
        }
        return call(className, args, indent);
    }

    /** The PipelineModel's own arguments after its models. */
    static void modelOptions(StringBuilder py, ModelSpec model, Map<String, Object> request) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("role", model.executionRoleArn());
        args.put("name", model.name());
        network(args, model);
        args.forEach((key, value) -> py.append("    ").append(key).append('=').append(PythonLiterals.value(value, 1))
                .append(",\n"));
    }

    private static void network(Map<String, Object> args, ModelSpec model) {
        if (model.vpc() != null) {
            Map<String, Object> vpc = new LinkedHashMap<>();
            vpc.put("SecurityGroupIds", model.vpc().securityGroupIds());
            vpc.put("Subnets", model.vpc().subnets());
            args.put("vpc_config", vpc);
        }
        if (model.networkIsolation()) {
            args.put("enable_network_isolation", true);
        }
    }

    static String serverless(ServerlessSpec serverless) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("memory_size_in_mb", serverless.memorySizeMb());
        args.put("max_concurrency", serverless.maxConcurrency());
        if (serverless.provisionedConcurrency() != null) {
            args.put("provisioned_concurrency", serverless.provisionedConcurrency());
        }
        return call("ServerlessInferenceConfig", args, 1);
    }

    /** AsyncInferenceConfig: a failure path is always given, or Model.deploy would default one. */
    static String async(AsyncSpec async) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("output_path", async.s3OutputPath());
        args.put("failure_path", async.s3FailurePath());
        if (async.maxConcurrentInvocationsPerInstance() != null) {
            args.put("max_concurrent_invocations_per_instance", async.maxConcurrentInvocationsPerInstance());
        }
        if (async.kmsKeyId() != null) {
            args.put("kms_key_id", async.kmsKeyId());
        }
        if (async.successTopic() != null || async.errorTopic() != null) {
            Map<String, Object> notify = new LinkedHashMap<>();
            if (async.successTopic() != null) {
                notify.put("SuccessTopic", async.successTopic());
            }
            if (async.errorTopic() != null) {
                notify.put("ErrorTopic", async.errorTopic());
            }
            args.put("notification_config", notify);
        }
        return call("AsyncInferenceConfig", args, 1);
    }

    /** DataCaptureConfig: capture_options REQUEST / RESPONSE become the API's Input / Output. */
    static String dataCapture(DataCaptureSpec capture) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("enable_capture", true);
        args.put("sampling_percentage", capture.samplingPercentage());
        args.put("destination_s3_uri", capture.destinationS3Uri());
        if (capture.kmsKeyId() != null) {
            args.put("kms_key_id", capture.kmsKeyId());
        }
        List<Object> options = new ArrayList<>();
        if (capture.captureRequest()) {
            options.add("REQUEST");
        }
        if (capture.captureResponse()) {
            options.add("RESPONSE");
        }
        args.put("capture_options", options);
        if (!capture.csvContentTypes().isEmpty()) {
            args.put("csv_content_types", capture.csvContentTypes());
        }
        if (!capture.jsonContentTypes().isEmpty()) {
            args.put("json_content_types", capture.jsonContentTypes());
        }
        return call("DataCaptureConfig", args, 1);
    }

    private static String call(String name, Map<String, Object> args, int indent) {
        String inner = "    ".repeat(indent + 1);
        StringBuilder out = new StringBuilder(name).append("(\n");
        args.forEach((key, value) -> out.append(inner).append(key).append('=')
                .append(PythonLiterals.value(value, indent + 1)).append(",\n"));
        return out.append("    ".repeat(indent)).append(')').toString();
    }
}
