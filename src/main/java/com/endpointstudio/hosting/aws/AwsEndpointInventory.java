package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.endpoints.EndpointConfigInfo;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.hosting.EndpointInventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The dashboard's reads and updates over SageMaker, with Application Auto Scaling for scaling settings. */
public final class AwsEndpointInventory implements EndpointInventory {

    private final AwsSession session;
    private final SageMakerClient sagemaker;

    public AwsEndpointInventory(AwsSession session) {
        this.session = session;
        this.sagemaker = session.client(SageMakerClient.builder());
    }

    @Override
    public Optional<EndpointDetails> describe(String endpointName) {
        try {
            DescribeEndpointResponse endpoint = sagemaker.describeEndpoint(b -> b.endpointName(endpointName));
            DescribeEndpointConfigResponse config = sagemaker.describeEndpointConfig(b -> b.endpointConfigName(
                    endpoint.endpointConfigName()));
            Map<String, ProductionVariantSummary> running = new LinkedHashMap<>();
            endpoint.productionVariants().forEach(v -> running.put(v.variantName(), v));
            List<EndpointDetails.Variant> variants = new ArrayList<>();
            List<EndpointDetails.Model> models = new ArrayList<>();
            for (ProductionVariant variant : config.productionVariants()) {
                ProductionVariantSummary now = running.get(variant.variantName());
                var serverless = variant.serverlessConfig();
                variants.add(new EndpointDetails.Variant(variant.variantName(), variant.modelName(),
                        variant.instanceTypeAsString(),
                        now == null ? null : now.currentInstanceCount(),
                        now != null && now.desiredInstanceCount() != null ? now.desiredInstanceCount()
                                : variant.initialInstanceCount(),
                        now != null && now.currentWeight() != null ? now.currentWeight()
                                : variant.initialVariantWeight() == null ? 1.0 : variant.initialVariantWeight(),
                        serverless == null ? null : serverless.memorySizeInMB(),
                        serverless == null ? null : serverless.maxConcurrency()));
                if (models.stream().noneMatch(m -> m.name().equals(variant.modelName()))) {
                    model(variant.modelName()).ifPresent(models::add);
                }
            }
            var captured = config.dataCaptureConfig();
            String capture = captured == null || captured.destinationS3Uri() == null
                    || Boolean.FALSE.equals(captured.enableCapture()) ? null : "captures "
                    + config.dataCaptureConfig().initialSamplingPercentage() + " % to "
                    + config.dataCaptureConfig().destinationS3Uri();
            String asyncOutput = config.asyncInferenceConfig() == null ? null
                    : config.asyncInferenceConfig().outputConfig().s3OutputPath();
            return Optional.of(new EndpointDetails(endpoint.endpointName(), endpoint.endpointArn(),
                    endpoint.endpointStatusAsString(), endpoint.failureReason(), endpoint.creationTime(),
                    endpoint.lastModifiedTime(), endpoint.endpointConfigName(), variants, asyncOutput, capture, models,
                    tags(endpoint.endpointArn()), scaling(endpointName, variants),
                    config.dataCaptureConfig() == null ? null : config.dataCaptureConfig().destinationS3Uri()));
        } catch (SageMakerException e) {
            if (e.getMessage() != null && (e.getMessage().contains("Could not find") || e.statusCode() == 404)) {
                return Optional.empty();
            }
            throw translate(e, "DescribeEndpoint " + endpointName);
        } catch (AwsServiceException | SdkClientException e) {
            throw translate(e, "DescribeEndpoint " + endpointName);
        }
    }

    private Optional<EndpointDetails.Model> model(String name) {
        try {
            DescribeModelResponse model = sagemaker.describeModel(b -> b.modelName(name));
            ContainerDefinition container = model.primaryContainer() != null ? model.primaryContainer()
                    : model.containers().isEmpty() ? null : model.containers().get(0);
            String data = container == null ? null : container.modelDataUrl() != null ? container.modelDataUrl()
                    : container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null
                    ? container.modelDataSource().s3DataSource().s3Uri() : null;
            return Optional.of(new EndpointDetails.Model(name, container == null ? null : container.image(), data,
                    container == null ? Map.of() : container.environment(), tags(model.modelArn())));
        } catch (SageMakerException e) {
            return Optional.empty(); // a model deleted behind the endpoint's back: show the rest
        }
    }

    private Map<String, String> tags(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        sagemaker.listTagsPaginator(b -> b.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Scalable targets and policies of the variants; empty when Application Auto Scaling can't be read. */
    private List<String> scaling(String endpointName, List<EndpointDetails.Variant> variants) {
        List<String> lines = new ArrayList<>();
        try (ApplicationAutoScalingClient scaling = session.client(ApplicationAutoScalingClient.builder())) {
            List<String> ids = variants.stream().map(v -> "endpoint/" + endpointName + "/variant/" + v.name()).toList();
            scaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(ids))
                    .scalableTargets().forEach(t -> lines.add(t.resourceId() + ": " + t.minCapacity() + " to "
                            + t.maxCapacity() + " instances"));
            scaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER))
                    .scalingPolicies().stream().filter(p -> ids.contains(p.resourceId()))
                    .forEach(p -> lines.add(p.resourceId() + ": " + p.policyName() + " (" + p.policyTypeAsString()
                            + (p.targetTrackingScalingPolicyConfiguration() == null ? ""
                            : ", target " + p.targetTrackingScalingPolicyConfiguration().targetValue()) + ")"));
        } catch (AwsServiceException | SdkClientException e) {
            lines.add("Scaling settings could not be read: " + e.getMessage());
        }
        return lines;
    }

    @Override
    public List<EndpointConfigInfo> endpointConfigs() {
        try {
            List<EndpointConfigInfo> configs = new ArrayList<>();
            for (var summary : sagemaker.listEndpointConfigsPaginator(b -> b.maxResults(100)).endpointConfigs()) {
                DescribeEndpointConfigResponse config = sagemaker.describeEndpointConfig(b -> b.endpointConfigName(
                        summary.endpointConfigName()));
                configs.add(new EndpointConfigInfo(config.endpointConfigName(), config.productionVariants().stream()
                        .map(ProductionVariant::modelName).distinct().toList(), tags(config.endpointConfigArn())));
            }
            return configs;
        } catch (AwsServiceException | SdkClientException e) {
            throw translate(e, "ListEndpointConfigs");
        }
    }

    @Override
    public void updateEndpoint(String endpointName, String endpointConfigName) {
        try {
            sagemaker.updateEndpoint(b -> b.endpointName(endpointName).endpointConfigName(endpointConfigName));
        } catch (AwsServiceException | SdkClientException e) {
            throw translate(e, "UpdateEndpoint " + endpointName);
        }
    }

    @Override
    public void updateWeightsAndCapacities(String endpointName, Map<String, Double> weights, Map<String, Integer> counts) {
        List<DesiredWeightAndCapacity> desired = new ArrayList<>();
        java.util.Set<String> variants = new java.util.LinkedHashSet<>(weights.keySet());
        variants.addAll(counts.keySet());
        for (String variant : variants) {
            var item = DesiredWeightAndCapacity.builder().variantName(variant);
            if (weights.containsKey(variant)) {
                item.desiredWeight(weights.get(variant).floatValue());
            }
            if (counts.containsKey(variant)) {
                item.desiredInstanceCount(counts.get(variant));
            }
            desired.add(item.build());
        }
        try {
            sagemaker.updateEndpointWeightsAndCapacities(b -> b.endpointName(endpointName)
                    .desiredWeightsAndCapacities(desired));
        } catch (AwsServiceException | SdkClientException e) {
            throw translate(e, "UpdateEndpointWeightsAndCapacities " + endpointName);
        }
    }

    private RuntimeException translate(RuntimeException e, String action) {
        return AwsErrors.translate(e, session.connection(), action, session.endpointFor("api.sagemaker"));
    }
}
