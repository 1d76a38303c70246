package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment as a CloudFormation template (JSON): one AWS::SageMaker::Model per model, the
 * AWS::SageMaker::EndpointConfig and the AWS::SageMaker::Endpoint, each tagged, chained with
 * Fn::GetAtt and Ref, which order their creation. CloudFormation cannot upload files, so local model data is named in
 * the template's Metadata with the command that uploads it, and the Model points at where that
 * command puts it (the default bucket through ${AWS::Region} and ${AWS::AccountId}).
 */
public final class CloudFormationExport implements SpecExport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static final String CONFIG_ID = "EndpointConfig";
    public static final String ENDPOINT_ID = "Endpoint";

    @Override
    public String fileName(DeploymentSpec spec) {
        return "deploy-" + spec.endpoint().name() + ".template.json";
    }

    @Override
    public String export(DeploymentSpec spec) {
        try {
            return MAPPER.writeValueAsString(template(spec)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a template tree is always serialisable", e);
        }
    }

    public ObjectNode template(DeploymentSpec spec) {
        ExportPlan plan = new ExportPlan(spec);
        ObjectNode template = NODES.objectNode();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        String description = "SageMaker endpoint " + spec.endpoint().name()
                + ": Model, EndpointConfig, Endpoint. Exported by Endpoint Studio.";
        if (!plan.uploads().isEmpty()) {
            description += " Upload the model data first: see Metadata.EndpointStudio.Uploads.";
        }
        template.put("Description", description);
        if (!plan.uploads().isEmpty()) {
            template.putObject("Metadata").putObject("EndpointStudio").set("Uploads", uploads(plan));
        }
        ObjectNode resources = template.putObject("Resources");
        Map<String, String> modelIds = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(Set.of(CONFIG_ID, ENDPOINT_ID));
        for (Map<String, Object> model : plan.createModels()) {
            String name = (String) model.get("ModelName");
            String id = logicalId(plan.createModels().size() == 1 ? "Model" : "Model" + alnum(name), used);
            modelIds.put(name, id);
            resources.set(id, resource("AWS::SageMaker::Model", node(model)));
        }

        ObjectNode config = (ObjectNode) node(plan.createEndpointConfig());
        for (JsonNode variant : config.withArray("ProductionVariants")) {
            if (variant.has("ModelName")) { // a variant of inference components names none
                String id = modelIds.get(variant.get("ModelName").asText());
                ((ObjectNode) variant).set("ModelName", getAtt(id, "ModelName"));
            }
        }
        resources.set(CONFIG_ID, resource("AWS::SageMaker::EndpointConfig", config));

        ObjectNode endpoint = (ObjectNode) node(plan.createEndpoint());
        endpoint.set("EndpointConfigName", getAtt(CONFIG_ID, "EndpointConfigName"));
        resources.set(ENDPOINT_ID, resource("AWS::SageMaker::Endpoint", endpoint));
        int n = 0;
        for (ExportPlan.Scaling scaling : plan.scaling()) {
            n++;
            String targetId = logicalId("ScalableTarget" + (plan.scaling().size() == 1 ? "" : n), used);
            ObjectNode target = (ObjectNode) node(scaling.registerScalableTarget());
            // the template's own stack creates the endpoint: the resource id follows its name
            target.set("ResourceId", join("endpoint/", getAtt(ENDPOINT_ID, "EndpointName"), "/variant/"
                    + scaling.registerScalableTarget().get("ResourceId").toString().replaceAll(".*/variant/", "")));
            resources.set(targetId, resource("AWS::ApplicationAutoScaling::ScalableTarget", target));
            ObjectNode policy = (ObjectNode) node(scaling.putScalingPolicy());
            policy.remove(List.of("ServiceNamespace", "ResourceId", "ScalableDimension"));
            policy.putObject("ScalingTargetId").put("Ref", targetId);
            resources.set(logicalId("ScalingPolicy" + (plan.scaling().size() == 1 ? "" : n), used),
                    resource("AWS::ApplicationAutoScaling::ScalingPolicy", policy));
        }

        new ComponentResources(resources, used, modelIds).add(plan);

        ObjectNode outputs = template.putObject("Outputs");
        outputs.putObject("EndpointName").set("Value", getAtt(ENDPOINT_ID, "EndpointName"));
        outputs.putObject("EndpointArn").putObject("Value").put("Ref", ENDPOINT_ID);
        return template;
    }

    /** Fn::Join of literal text around an attribute. */
    static ObjectNode join(String before, JsonNode value, String after) {
        ObjectNode join = NODES.objectNode();
        ArrayNode args = join.putArray("Fn::Join");
        args.add("");
        ArrayNode parts = args.addArray();
        parts.add(before);
        parts.add(value);
        parts.add(after);
        return join;
    }

    private static ArrayNode uploads(ExportPlan plan) {
        ArrayNode list = NODES.arrayNode();
        for (ExportPlan.Upload upload : plan.uploads()) {
            ObjectNode entry = list.addObject();
            String target = upload.target().uri(upload.target().isDefaultBucket()
                    ? "sagemaker-<region>-<account>" : null);
            entry.put("From", upload.localPath());
            entry.put("To", target);
            entry.put("Sha256", upload.target().digest());
            String path = ShellWords.quote(upload.localPath());
            String quotedTarget = ShellWords.quote(target);
            // The key names the content, so an object already there is never replaced: sync --size-only
            // skips what is present, and a single object is copied only when head-object finds none.
            String missing = "aws s3api head-object --bucket " + ShellWords.quote(upload.target().isDefaultBucket()
                    ? "sagemaker-<region>-<account>" : upload.target().bucket()) + " --key "
                    + ShellWords.quote(upload.target().key()) + " >/dev/null 2>&1 || ";
            entry.put("Command", switch (upload.kind()) {
                case ARCHIVE -> missing + "aws s3 cp " + path + " " + quotedTarget;
                case FOLDER -> "aws s3 sync --size-only " + path + " " + quotedTarget;
                case PACKED_FOLDER -> missing + "(tar -czf model.tar.gz -C " + path + " . && aws s3 cp model.tar.gz "
                        + quotedTarget + ")";
            });
        }
        return list;
    }

    /** A resource; the GetAtt and Ref among its properties order its creation after what it names. */
    static ObjectNode resource(String type, JsonNode properties) {
        ObjectNode resource = NODES.objectNode();
        resource.put("Type", type);
        resource.set("Properties", properties);
        return resource;
    }

    static ObjectNode getAtt(String id, String attribute) {
        ObjectNode node = NODES.objectNode();
        node.putArray("Fn::GetAtt").add(id).add(attribute);
        return node;
    }

    /** The request maps as JSON; an upload target becomes Fn::Sub over the stack's region and account. */
    static JsonNode node(Object value) {
        if (value instanceof S3Location location) {
            if (!location.isDefaultBucket()) {
                return NODES.textNode(location.uri(null));
            }
            ObjectNode sub = NODES.objectNode();
            // "${" in a key would start a substitution; "${!" is Fn::Sub's literal form.
            sub.put("Fn::Sub", "s3://sagemaker-${AWS::Region}-${AWS::AccountId}/"
                    + location.key().replace("${", "${!"));
            return sub;
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), node(item)));
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(node(item)));
            return array;
        }
        return MAPPER.valueToTree(value);
    }

    static String logicalId(String wanted, Set<String> used) {
        String id = wanted.length() > 200 ? wanted.substring(0, 200) : wanted;
        String candidate = id;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = id + n;
        }
        return candidate;
    }

    /** Logical ids are alphanumeric; model names may also hold hyphens. */
    static String alnum(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }
}
