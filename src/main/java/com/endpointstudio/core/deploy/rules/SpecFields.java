package com.endpointstudio.core.deploy.rules;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Where each field of a {@link com.endpointstudio.core.deploy.DeploymentSpec} goes in the requests
 * a deployment sends, so it is checked with that request member's own rule. Paths name record
 * components; {@code []} stands for a list's items, {@code {key}} and {@code {value}} for a map's.
 * The few fields that reach no request member are listed with what they are and which rule applies.
 */
public final class SpecFields {

    private static final String CONTAINER = "CreateModel.PrimaryContainer.";
    private static final String VARIANT = "CreateEndpointConfig.ProductionVariants[].";
    private static final String ASYNC = "CreateEndpointConfig.AsyncInferenceConfig.";
    private static final String CAPTURE = "CreateEndpointConfig.DataCaptureConfig.";
    private static final String POLICY = "PutScalingPolicy.TargetTrackingScalingPolicyConfiguration.";
    private static final String COMPONENT = "CreateInferenceComponent.";
    private static final String COMPUTE = COMPONENT + "Specification.ComputeResourceRequirements.";

    /** Spec field → request member. A pipeline's Containers[] items have the same shapes as PrimaryContainer. */
    public static final Map<String, String> API_MEMBERS = Map.ofEntries(
            Map.entry("models[].name", "CreateModel.ModelName"),
            Map.entry("models[].executionRoleArn", "CreateModel.ExecutionRoleArn"),
            Map.entry("models[].containers", "CreateModel.Containers"),
            Map.entry("models[].containers[].image", CONTAINER + "Image"),
            Map.entry("models[].containers[].modelData.location", CONTAINER + "ModelDataUrl"),
            Map.entry("models[].containers[].modelData.uncompressed",
                    CONTAINER + "ModelDataSource.S3DataSource.CompressionType"),
            Map.entry("models[].containers[].environment", CONTAINER + "Environment"),
            Map.entry("models[].containers[].environment{key}", CONTAINER + "Environment{key}"),
            Map.entry("models[].containers[].environment{value}", CONTAINER + "Environment{value}"),
            Map.entry("models[].containers[].hostname", CONTAINER + "ContainerHostname"),
            Map.entry("models[].containers[].mode", CONTAINER + "Mode"),
            Map.entry("models[].inferenceExecutionMode", "CreateModel.InferenceExecutionConfig.Mode"),
            Map.entry("models[].vpc.securityGroupIds", "CreateModel.VpcConfig.SecurityGroupIds"),
            Map.entry("models[].vpc.securityGroupIds[]", "CreateModel.VpcConfig.SecurityGroupIds[]"),
            Map.entry("models[].vpc.subnets", "CreateModel.VpcConfig.Subnets"),
            Map.entry("models[].vpc.subnets[]", "CreateModel.VpcConfig.Subnets[]"),
            Map.entry("models[].networkIsolation", "CreateModel.EnableNetworkIsolation"),
            Map.entry("endpointConfig.name", "CreateEndpointConfig.EndpointConfigName"),
            Map.entry("endpointConfig.kmsKeyId", "CreateEndpointConfig.KmsKeyId"),
            Map.entry("endpointConfig.variants", "CreateEndpointConfig.ProductionVariants"),
            Map.entry("endpointConfig.variants[].variantName", VARIANT + "VariantName"),
            Map.entry("endpointConfig.variants[].modelName", VARIANT + "ModelName"),
            Map.entry("endpointConfig.variants[].instanceType", VARIANT + "InstanceType"),
            Map.entry("endpointConfig.variants[].initialInstanceCount", VARIANT + "InitialInstanceCount"),
            Map.entry("endpointConfig.variants[].initialVariantWeight", VARIANT + "InitialVariantWeight"),
            Map.entry("endpointConfig.variants[].serverless.memorySizeMb", VARIANT + "ServerlessConfig.MemorySizeInMB"),
            Map.entry("endpointConfig.variants[].serverless.maxConcurrency", VARIANT + "ServerlessConfig.MaxConcurrency"),
            Map.entry("endpointConfig.variants[].serverless.provisionedConcurrency",
                    VARIANT + "ServerlessConfig.ProvisionedConcurrency"),
            Map.entry("endpointConfig.variants[].autoScaling.minInstances", "RegisterScalableTarget.MinCapacity"),
            Map.entry("endpointConfig.variants[].autoScaling.maxInstances", "RegisterScalableTarget.MaxCapacity"),
            Map.entry("endpointConfig.variants[].autoScaling.targetInvocationsPerInstance", POLICY + "TargetValue"),
            Map.entry("endpointConfig.variants[].autoScaling.scaleInCooldownSeconds", POLICY + "ScaleInCooldown"),
            Map.entry("endpointConfig.variants[].autoScaling.scaleOutCooldownSeconds", POLICY + "ScaleOutCooldown"),
            Map.entry("endpointConfig.async.s3OutputPath", ASYNC + "OutputConfig.S3OutputPath"),
            Map.entry("endpointConfig.async.s3FailurePath", ASYNC + "OutputConfig.S3FailurePath"),
            Map.entry("endpointConfig.async.successTopic", ASYNC + "OutputConfig.NotificationConfig.SuccessTopic"),
            Map.entry("endpointConfig.async.errorTopic", ASYNC + "OutputConfig.NotificationConfig.ErrorTopic"),
            Map.entry("endpointConfig.async.kmsKeyId", ASYNC + "OutputConfig.KmsKeyId"),
            Map.entry("endpointConfig.async.maxConcurrentInvocationsPerInstance",
                    ASYNC + "ClientConfig.MaxConcurrentInvocationsPerInstance"),
            Map.entry("endpointConfig.dataCapture.samplingPercentage", CAPTURE + "InitialSamplingPercentage"),
            Map.entry("endpointConfig.dataCapture.destinationS3Uri", CAPTURE + "DestinationS3Uri"),
            Map.entry("endpointConfig.dataCapture.kmsKeyId", CAPTURE + "KmsKeyId"),
            Map.entry("endpointConfig.dataCapture.captureRequest", CAPTURE + "CaptureOptions[].CaptureMode"),
            Map.entry("endpointConfig.dataCapture.captureResponse", CAPTURE + "CaptureOptions[].CaptureMode"),
            Map.entry("endpointConfig.dataCapture.jsonContentTypes", CAPTURE + "CaptureContentTypeHeader.JsonContentTypes"),
            Map.entry("endpointConfig.dataCapture.jsonContentTypes[]",
                    CAPTURE + "CaptureContentTypeHeader.JsonContentTypes[]"),
            Map.entry("endpointConfig.dataCapture.csvContentTypes", CAPTURE + "CaptureContentTypeHeader.CsvContentTypes"),
            Map.entry("endpointConfig.dataCapture.csvContentTypes[]",
                    CAPTURE + "CaptureContentTypeHeader.CsvContentTypes[]"),
            Map.entry("endpointConfig.executionRoleArn", "CreateEndpointConfig.ExecutionRoleArn"),
            Map.entry("endpointConfig.variants[].managedScaling.minInstances",
                    VARIANT + "ManagedInstanceScaling.MinInstanceCount"),
            Map.entry("endpointConfig.variants[].managedScaling.maxInstances",
                    VARIANT + "ManagedInstanceScaling.MaxInstanceCount"),
            Map.entry("endpointConfig.variants[].routingStrategy", VARIANT + "RoutingConfig.RoutingStrategy"),
            Map.entry("inferenceComponents[].name", COMPONENT + "InferenceComponentName"),
            Map.entry("inferenceComponents[].variantName", COMPONENT + "VariantName"),
            Map.entry("inferenceComponents[].modelName", COMPONENT + "Specification.ModelName"),
            Map.entry("inferenceComponents[].compute.cpuCores", COMPUTE + "NumberOfCpuCoresRequired"),
            Map.entry("inferenceComponents[].compute.acceleratorDevices", COMPUTE + "NumberOfAcceleratorDevicesRequired"),
            Map.entry("inferenceComponents[].compute.minMemoryMb", COMPUTE + "MinMemoryRequiredInMb"),
            Map.entry("inferenceComponents[].compute.maxMemoryMb", COMPUTE + "MaxMemoryRequiredInMb"),
            Map.entry("inferenceComponents[].copyCount", COMPONENT + "RuntimeConfig.CopyCount"),
            Map.entry("inferenceComponents[].autoScaling.minCopies", "RegisterScalableTarget.MinCapacity"),
            Map.entry("inferenceComponents[].autoScaling.maxCopies", "RegisterScalableTarget.MaxCapacity"),
            Map.entry("inferenceComponents[].autoScaling.targetInvocationsPerCopy", POLICY + "TargetValue"),
            Map.entry("inferenceComponents[].autoScaling.scaleInCooldownSeconds", POLICY + "ScaleInCooldown"),
            Map.entry("inferenceComponents[].autoScaling.scaleOutCooldownSeconds", POLICY + "ScaleOutCooldown"),
            Map.entry("endpoint.name", "CreateEndpoint.EndpointName"),
            Map.entry("endpoint.tags", "CreateEndpoint.Tags"),
            Map.entry("endpoint.tags{key}", "CreateEndpoint.Tags[].Key"),
            Map.entry("endpoint.tags{value}", "CreateEndpoint.Tags[].Value"));

    /** Spec fields that are no request member: what each is, and the rule that applies to it instead. */
    public static final Map<String, String> STUDIO_FIELDS = Map.of(
            "specVersion", "the spec file's format version, checked when the file is read",
            "models", "one CreateModel request per item; each variant must name one of them",
            "models[].containers[].framework.framework", "how the image was chosen; the Image is what is sent",
            "models[].containers[].framework.version", "how the image was chosen; the Image is what is sent",
            "models[].containers[].framework.pyVersion", "how the image was chosen; the Image is what is sent",
            "models[].containers[].modelData.uploadBucket",
            "the S3 bucket local model data goes to: S3's bucket naming rules",
            "models[].containers[].modelData.uploadPrefix",
            "the key prefix of uploaded model data: part of the ModelDataUrl, whose length is checked whole",
            "inferenceComponents", "one CreateInferenceComponent request per item, once the endpoint is InService");

    private SpecFields() {
    }

    /** The request member a spec field becomes. */
    public static String apiMember(String specField) {
        String member = API_MEMBERS.get(specField);
        if (member == null) {
            throw new NoSuchElementException("The spec field " + specField + " has no request member");
        }
        return member;
    }
}
