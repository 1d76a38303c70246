package com.endpointstudio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SageMaker and Application Auto Scaling operations of inference components, which moto does
 * not implement, answered in front of it through a {@link RecordingProxy} with responses shaped as
 * the API reference shapes them: CreateInferenceComponent, DescribeInferenceComponent (Creating for
 * as many describes as asked, then InService), ListInferenceComponents, UpdateInferenceComponentRuntimeConfig,
 * DeleteInferenceComponent; RegisterScalableTarget, PutScalingPolicy, DescribeScalableTargets and
 * DeregisterScalableTarget on an inference component's copies; and CloudWatch's PutMetricAlarm in
 * any of its protocols (query for the Java SDK, JSON or rpc-v2-cbor for botocore). The recorded requests are
 * what the SDKs sent.
 */
public final class InferenceComponentsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-component/";

    private final Map<String, ObjectNode> components = new LinkedHashMap<>();
    private final Map<String, Integer> describes = new LinkedHashMap<>();
    /** How many describes show a new component Creating before it is InService. */
    private final int creatingDescribes;

    /** Components InService at once. */
    public InferenceComponentsApi() {
        this(0);
    }

    public InferenceComponentsApi(int creatingDescribes) {
        this.creatingDescribes = creatingDescribes;
    }

    /** The answerer to give {@link RecordingProxy#answering}. */
    public synchronized Optional<RecordingProxy.Answer> answer(RecordingProxy.Recorded request) {
        String operation = request.jsonOperation();
        String body = new String(request.body(), StandardCharsets.UTF_8);
        if ("PutMetricAlarm".equals(operation)) { // botocore's JSON protocol (awsJson1_0)
            return json(Map.of());
        }
        if (request.path().contains("/operation/PutMetricAlarm")) {
            return Optional.of(new RecordingProxy.Answer(200, Map.of("Content-Type", "application/cbor",
                    "smithy-protocol", "rpc-v2-cbor"), new byte[] {(byte) 0xA0}));
        }
        if (body.contains("Action=PutMetricAlarm")) {
            return Optional.of(new RecordingProxy.Answer(200, Map.of("Content-Type", "text/xml"), ("<PutMetricAlarmResponse "
                    + "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ResponseMetadata><RequestId>"
                    + "alarm-1</RequestId></ResponseMetadata></PutMetricAlarmResponse>").getBytes(StandardCharsets.UTF_8)));
        }
        if (operation == null) {
            return Optional.empty();
        }
        JsonNode input = read(body);
        if (body.contains("inference-component/") && List.of("RegisterScalableTarget", "PutScalingPolicy",
                "DeregisterScalableTarget", "DescribeScalableTargets", "DescribeScalingPolicies").contains(operation)) {
            String resource = input.path("ResourceId").asText("inference-component/x");
            return switch (operation) {
                case "RegisterScalableTarget" -> {
                    targets.put(resource, input);
                    yield json(Map.of("ScalableTargetARN",
                            "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/" + resource));
                }
                case "PutScalingPolicy" -> {
                    policies.computeIfAbsent(resource, r -> new ArrayList<>()).add(input);
                    yield json(Map.of("PolicyARN", "arn:aws:autoscaling:us-east-1:123456789012:"
                            + "scalingPolicy:" + resource + ":policyName/" + input.path("PolicyName").asText(),
                            "Alarms", List.of()));
                }
                case "DescribeScalableTargets" -> json(Map.of("ScalableTargets",
                        described(input.path("ResourceIds"))));
                case "DescribeScalingPolicies" -> json(Map.of("ScalingPolicies", policies.getOrDefault(resource,
                        List.of())));
                case "DeregisterScalableTarget" -> {
                    targets.remove(resource);
                    policies.remove(resource);
                    yield json(Map.of());
                }
                default -> json(Map.of());
            };
        }
        if ("DeleteEndpointConfig".equals(operation)) {
            configs.remove(input.path("EndpointConfigName").asText());
            return Optional.empty();
        }
        if ("DescribeEndpointConfig".equals(operation) && configs.containsKey(input.path("EndpointConfigName").asText())) {
            ObjectNode config = configs.get(input.path("EndpointConfigName").asText()).deepCopy();
            config.put("EndpointConfigArn", "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/"
                    + config.path("EndpointConfigName").asText());
            config.put("CreationTime", System.currentTimeMillis() / 1000.0);
            config.remove("Tags");
            return json(config);
        }
        String name = input.path("InferenceComponentName").asText(null);
        return switch (operation) {
            case "CreateInferenceComponent" -> {
                ObjectNode component = JSON.createObjectNode();
                component.put("InferenceComponentName", name);
                component.put("InferenceComponentArn", ARN + name);
                component.put("EndpointName", input.path("EndpointName").asText());
                component.put("EndpointArn", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/"
                        + input.path("EndpointName").asText());
                component.put("VariantName", input.path("VariantName").asText());
                component.set("Specification", input.path("Specification"));
                ObjectNode runtime = component.putObject("RuntimeConfig");
                runtime.put("DesiredCopyCount", input.path("RuntimeConfig").path("CopyCount").asInt());
                runtime.put("CurrentCopyCount", input.path("RuntimeConfig").path("CopyCount").asInt());
                component.put("CreationTime", System.currentTimeMillis() / 1000.0);
                component.put("LastModifiedTime", System.currentTimeMillis() / 1000.0);
                component.put("InferenceComponentStatus", "Creating");
                components.put(name, component);
                describes.put(name, 0);
                yield json(Map.of("InferenceComponentArn", ARN + name));
            }
            case "DescribeInferenceComponent" -> {
                ObjectNode component = components.get(name);
                if (component == null) {
                    yield notFound(name);
                }
                if (describes.merge(name, 1, Integer::sum) > creatingDescribes) {
                    component.put("InferenceComponentStatus", "InService");
                }
                yield json(component);
            }
            case "ListInferenceComponents" -> json(Map.of("InferenceComponents", components.values().stream()
                    .filter(c -> !input.has("EndpointNameEquals")
                            || c.path("EndpointName").asText().equals(input.path("EndpointNameEquals").asText()))
                    .map(c -> Map.of("InferenceComponentName", c.path("InferenceComponentName").asText(),
                            "InferenceComponentArn", c.path("InferenceComponentArn").asText(),
                            "EndpointName", c.path("EndpointName").asText(),
                            "EndpointArn", c.path("EndpointArn").asText(),
                            "VariantName", c.path("VariantName").asText(),
                            "InferenceComponentStatus", c.path("InferenceComponentStatus").asText(),
                            "CreationTime", c.path("CreationTime").asDouble(),
                            "LastModifiedTime", c.path("LastModifiedTime").asDouble())).toList()));
            case "UpdateInferenceComponentRuntimeConfig" -> {
                ObjectNode component = components.get(name);
                if (component == null) {
                    yield notFound(name);
                }
                int copies = input.path("DesiredRuntimeConfig").path("CopyCount").asInt();
                ((ObjectNode) component.path("RuntimeConfig")).put("DesiredCopyCount", copies);
                ((ObjectNode) component.path("RuntimeConfig")).put("CurrentCopyCount", copies);
                yield json(Map.of("InferenceComponentArn", ARN + name));
            }
            case "DeleteInferenceComponent" -> components.remove(name) == null ? notFound(name) : json(Map.of());
            default -> Optional.empty();
        };
    }

    private String lastModel;
    /** The copies' scalable targets and scaling policies by resource id, as registered. */
    private final Map<String, JsonNode> targets = new LinkedHashMap<>();
    /** The endpoint configs of inference components as sent (moto gets them with a model named). */
    private final Map<String, ObjectNode> configs = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> policies = new LinkedHashMap<>();

    private List<JsonNode> described(JsonNode resourceIds) {
        List<JsonNode> found = new ArrayList<>();
        resourceIds.forEach(id -> {
            if (targets.containsKey(id.asText())) {
                found.add(targets.get(id.asText()));
            }
        });
        return found;
    }

    /**
     * What moto gets of a request: a CreateEndpointConfig whose variants name no model (an endpoint of
     * inference components) names the last Model created, which moto requires; the rest as sent.
     * (The request is signed, but moto does not check signatures.)
     */
    public synchronized byte[] forwarded(RecordingProxy.Recorded request) {
        String operation = request.jsonOperation();
        if ("CreateModel".equals(operation)) {
            lastModel = read(new String(request.body(), StandardCharsets.UTF_8)).path("ModelName").asText(null);
        }
        if (!"CreateEndpointConfig".equals(operation) || lastModel == null) {
            return request.body();
        }
        JsonNode config = read(new String(request.body(), StandardCharsets.UTF_8));
        JsonNode asSent = config.deepCopy();
        boolean changed = false;
        for (JsonNode variant : config.path("ProductionVariants")) {
            if (!variant.has("ModelName")) {
                ((ObjectNode) variant).put("ModelName", lastModel);
                changed = true;
            }
        }
        if (changed) { // DescribeEndpointConfig answers it as sent, its variants naming no model
            configs.put(asSent.path("EndpointConfigName").asText(), (ObjectNode) asSent);
        }
        try {
            return changed ? JSON.writeValueAsBytes(config) : request.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The components now, as DescribeInferenceComponent would show them. */
    public synchronized Map<String, JsonNode> components() {
        return Map.copyOf(components);
    }

    private static Optional<RecordingProxy.Answer> notFound(String name) {
        return Optional.of(new RecordingProxy.Answer(400, Map.of("Content-Type", "application/x-amz-json-1.1",
                "x-amzn-ErrorType", "ValidationException"), ("{\"__type\": \"ValidationException\", \"message\": "
                + "\"Could not find inference component \\\"" + name + "\\\".\"}").getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<RecordingProxy.Answer> json(Object value) {
        try {
            return Optional.of(new RecordingProxy.Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1"),
                    JSON.writeValueAsBytes(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
