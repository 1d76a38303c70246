package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment as an AWS CDK app: the CloudFormation export's resources as the L1 constructs
 * {@code CfnModel}, {@code CfnEndpointConfig}, {@code CfnEndpoint}, {@code CfnScalableTarget} and
 * {@code CfnScalingPolicy}, with the same logical ids, so {@code cdk synth} gives the same resources.
 * Property names follow CDK's own conversion of CloudFormation's (MemorySizeInMB → memorySizeInMb,
 * memory_size_in_mb); GetAtt and Ref become the constructs' attributes. The TypeScript and Python
 * flavours differ only in how they write names, literals and structs.
 */
public abstract sealed class CdkExport implements SpecExport permits CdkExport.TypeScript, CdkExport.Python {

    /** The aws-cdk-lib major version the app is written for. */
    public static final String CDK_REQUIREMENT = "aws-cdk-lib 2";

    private static final Pattern WORD = Pattern.compile("[A-Z]+[0-9]*(?![a-z])|[A-Z][a-z]*[0-9]*|[a-z]+[0-9]*|[0-9]+");

    /** The construct of each resource type: module alias and class. */
    private static final Map<String, String> CONSTRUCTS = Map.of(
            "AWS::SageMaker::Model", "sagemaker.CfnModel",
            "AWS::SageMaker::EndpointConfig", "sagemaker.CfnEndpointConfig",
            "AWS::SageMaker::Endpoint", "sagemaker.CfnEndpoint",
            "AWS::ApplicationAutoScaling::ScalableTarget", "appscaling.CfnScalableTarget",
            "AWS::ApplicationAutoScaling::ScalingPolicy", "appscaling.CfnScalingPolicy",
            "AWS::SageMaker::InferenceComponent", "sagemaker.CfnInferenceComponent",
            "AWS::CloudWatch::Alarm", "cloudwatch.CfnAlarm");

    /** Whether the template has a resource of this type (its module is then imported). */
    static boolean has(ObjectNode template, String type) {
        java.util.concurrent.atomic.AtomicBoolean found = new java.util.concurrent.atomic.AtomicBoolean();
        template.get("Resources").forEach(resource -> found.compareAndSet(false, type.equals(resource.path("Type")
                .asText())));
        return found.get();
    }

    @Override
    public String export(DeploymentSpec spec) {
        ObjectNode template = new CloudFormationExport().template(spec);
        StringBuilder out = new StringBuilder(header(spec, template));
        Iterator<Map.Entry<String, JsonNode>> resources = template.get("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> resource = resources.next();
            String type = resource.getValue().get("Type").asText();
            out.append(construct(variable(resource.getKey()), CONSTRUCTS.get(type), resource.getKey(), type,
                    resource.getValue().get("Properties")));
            if (resource.getValue().has("DependsOn")) { // an order no property reference gives
                out.append(dependency(variable(resource.getKey()), variable(resource.getValue().get("DependsOn")
                        .asText())));
            }
        }
        return out.append(footer()).toString();
    }

    abstract String header(DeploymentSpec spec, ObjectNode template);

    abstract String construct(String variable, String className, String id, String type, JsonNode properties);

    abstract String footer();

    /** The statement that makes one construct wait for another. */
    abstract String dependency(String construct, String on);

    /** The variable that holds a construct of this logical id. */
    abstract String variable(String logicalId);

    /** CloudFormation's PascalCase name in CDK's words. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(name);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : words(name)) {
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            out.append(out.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return out.toString();
    }

    static String snake(String name) {
        return String.join("_", words(name)).toLowerCase(java.util.Locale.ROOT);
    }

    /** A GetAtt attribute as the construct names it: ModelName → attrModelName. */
    static String attribute(String cfnAttribute) {
        return "attr" + cfnAttribute;
    }

    /** How the app is deployed, and the model data to upload first (the template's Metadata). */
    static List<String> notes(DeploymentSpec spec, ObjectNode template) {
        List<String> lines = new ArrayList<>();
        lines.add("Creates the SageMaker endpoint " + spec.endpoint().name()
                + ": Model, EndpointConfig, Endpoint. Exported by Endpoint Studio for " + CDK_REQUIREMENT + ".");
        lines.add("It makes the same resources as the studio's CloudFormation export; deploy it with `cdk deploy`.");
        JsonNode uploads = template.path("Metadata").path("EndpointStudio").path("Uploads");
        if (!uploads.isEmpty()) {
            lines.add("Upload the model data first; its key names its SHA-256:");
            uploads.forEach(upload -> lines.add("  " + upload.path("Command").asText()));
        }
        return lines;
    }

    /** TypeScript: object literals, type-checked by tsc against the constructs' props. */
    static final class TypeScript extends CdkExport {

        @Override
        public String fileName(DeploymentSpec spec) {
            return "deploy-" + spec.endpoint().name() + "-cdk.ts";
        }

        @Override
        String header(DeploymentSpec spec, ObjectNode template) {
            StringBuilder out = new StringBuilder("#!/usr/bin/env node\n");
            notes(spec, template).forEach(line -> out.append("// ").append(line).append('\n'));
            out.append("import * as cdk from 'aws-cdk-lib';\n")
                    .append("import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';\n")
                    .append("import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';\n")
                    .append(has(template, "AWS::CloudWatch::Alarm")
                            ? "import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';\n\n" : "\n")
                    .append("const app = new cdk.App();\n")
                    .append("const stack = new cdk.Stack(app, ").append(quote("EndpointStudio-" + spec.endpoint().name()))
                    .append(");\n");
            if (template.has("Metadata")) {
                out.append("stack.templateOptions.metadata = ").append(literal(template.get("Metadata"), 0, false))
                        .append(";\n");
            }
            return out.append('\n').toString();
        }

        @Override
        String construct(String variable, String className, String id, String type, JsonNode properties) {
            return "const " + variable + " = new " + className + "(stack, " + quote(id) + ", "
                    + literal(properties, 0, true) + ");\n";
        }

        @Override
        String footer() {
            return "\napp.synth();\n";
        }

        @Override
        String dependency(String construct, String on) {
            return construct + ".addDependency(" + on + ");\n";
        }

        @Override
        String variable(String logicalId) {
            return camel(logicalId);
        }

        /** @param names whether object keys are property names to convert (not a free-form map) */
        private String literal(JsonNode node, int indent, boolean names) {
            String pad = "  ".repeat(indent + 1);
            if (node.isObject()) {
                String intrinsic = intrinsic(node, indent);
                if (intrinsic != null) {
                    return intrinsic;
                }
                StringBuilder out = new StringBuilder("{\n");
                node.fields().forEachRemaining(field -> {
                    boolean map = field.getKey().equals("Environment") || field.getKey().equals("EndpointStudio");
                    String key = names ? camel(field.getKey()) : quote(field.getKey());
                    out.append(pad).append(key).append(": ").append(literal(field.getValue(), indent + 1, names && !map))
                            .append(",\n");
                });
                return out.append("  ".repeat(indent)).append('}').toString();
            }
            if (node.isArray()) {
                StringBuilder out = new StringBuilder("[\n");
                node.forEach(item -> out.append(pad).append(literal(item, indent + 1, names)).append(",\n"));
                return out.append("  ".repeat(indent)).append(']').toString();
            }
            return node.isTextual() ? quote(node.asText()) : node.toString();
        }

        private String intrinsic(JsonNode node, int indent) {
            if (node.has("Fn::GetAtt")) {
                return variable(node.get("Fn::GetAtt").get(0).asText()) + "." + attribute(node.get("Fn::GetAtt").get(1)
                        .asText());
            }
            if (node.has("Ref")) {
                return variable(node.get("Ref").asText()) + ".ref";
            }
            if (node.has("Fn::Sub")) {
                return "cdk.Fn.sub(" + quote(node.get("Fn::Sub").asText()) + ")";
            }
            if (node.has("Fn::Join")) {
                return "cdk.Fn.join(" + quote(node.get("Fn::Join").get(0).asText()) + ", "
                        + literal(node.get("Fn::Join").get(1), indent, true) + ")";
            }
            return null;
        }

        private static String quote(String text) {
            return PythonLiterals.string(text); // Python's escapes read the same in a JavaScript string
        }
    }

    /** Python: keyword arguments and CDK's Property structs, as CDK's Python users write them. */
    static final class Python extends CdkExport {

        /** The struct of each property that holds one, by the construct's CloudFormation type. */
        private static final Map<String, String> STRUCTS = Map.ofEntries(
                Map.entry("PrimaryContainer", "sagemaker.CfnModel.ContainerDefinitionProperty"),
                Map.entry("Containers", "sagemaker.CfnModel.ContainerDefinitionProperty"),
                Map.entry("InferenceExecutionConfig", "sagemaker.CfnModel.InferenceExecutionConfigProperty"),
                Map.entry("VpcConfig", "sagemaker.CfnModel.VpcConfigProperty"),
                Map.entry("ModelDataSource", "sagemaker.CfnModel.ModelDataSourceProperty"),
                Map.entry("S3DataSource", "sagemaker.CfnModel.S3DataSourceProperty"),
                Map.entry("ProductionVariants", "sagemaker.CfnEndpointConfig.ProductionVariantProperty"),
                Map.entry("ServerlessConfig", "sagemaker.CfnEndpointConfig.ServerlessConfigProperty"),
                Map.entry("DataCaptureConfig", "sagemaker.CfnEndpointConfig.DataCaptureConfigProperty"),
                Map.entry("CaptureOptions", "sagemaker.CfnEndpointConfig.CaptureOptionProperty"),
                Map.entry("CaptureContentTypeHeader", "sagemaker.CfnEndpointConfig.CaptureContentTypeHeaderProperty"),
                Map.entry("AsyncInferenceConfig", "sagemaker.CfnEndpointConfig.AsyncInferenceConfigProperty"),
                Map.entry("OutputConfig", "sagemaker.CfnEndpointConfig.AsyncInferenceOutputConfigProperty"),
                Map.entry("NotificationConfig", "sagemaker.CfnEndpointConfig.AsyncInferenceNotificationConfigProperty"),
                Map.entry("ClientConfig", "sagemaker.CfnEndpointConfig.AsyncInferenceClientConfigProperty"),
                Map.entry("TargetTrackingScalingPolicyConfiguration",
                        "appscaling.CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty"),
                Map.entry("PredefinedMetricSpecification",
                        "appscaling.CfnScalingPolicy.PredefinedMetricSpecificationProperty"),
                Map.entry("ManagedInstanceScaling", "sagemaker.CfnEndpointConfig.ManagedInstanceScalingProperty"),
                Map.entry("RoutingConfig", "sagemaker.CfnEndpointConfig.RoutingConfigProperty"),
                Map.entry("Specification", "sagemaker.CfnInferenceComponent.InferenceComponentSpecificationProperty"),
                Map.entry("ComputeResourceRequirements",
                        "sagemaker.CfnInferenceComponent.InferenceComponentComputeResourceRequirementsProperty"),
                Map.entry("RuntimeConfig", "sagemaker.CfnInferenceComponent.InferenceComponentRuntimeConfigProperty"),
                Map.entry("StepScalingPolicyConfiguration",
                        "appscaling.CfnScalingPolicy.StepScalingPolicyConfigurationProperty"),
                Map.entry("StepAdjustments", "appscaling.CfnScalingPolicy.StepAdjustmentProperty"),
                Map.entry("Dimensions", "cloudwatch.CfnAlarm.DimensionProperty"),
                Map.entry("Tags", "cdk.CfnTag"));

        @Override
        public String fileName(DeploymentSpec spec) {
            return "deploy-" + spec.endpoint().name() + "-cdk.py";
        }

        @Override
        String header(DeploymentSpec spec, ObjectNode template) {
            StringBuilder out = new StringBuilder("#!/usr/bin/env python3\n");
            notes(spec, template).forEach(line -> out.append("# ").append(line).append('\n'));
            out.append("import aws_cdk as cdk\n")
                    .append("from aws_cdk import aws_applicationautoscaling as appscaling\n")
                    .append(has(template, "AWS::CloudWatch::Alarm") ? "from aws_cdk import aws_cloudwatch as cloudwatch\n"
                            : "")
                    .append("from aws_cdk import aws_sagemaker as sagemaker\n\n")
                    .append("app = cdk.App()\n")
                    .append("stack = cdk.Stack(app, ").append(PythonLiterals.string("EndpointStudio-" + spec.endpoint().name()))
                    .append(")\n");
            if (template.has("Metadata")) {
                out.append("stack.template_options.metadata = ").append(value(null, template.get("Metadata"), 0, false))
                        .append('\n');
            }
            return out.append('\n').toString();
        }

        @Override
        String construct(String variable, String className, String id, String type, JsonNode properties) {
            StringBuilder out = new StringBuilder(variable).append(" = ").append(className).append("(\n    stack,\n    ")
                    .append(PythonLiterals.string(id)).append(",\n");
            properties.fields().forEachRemaining(field -> out.append("    ").append(snake(field.getKey())).append('=')
                    .append(value(field.getKey(), field.getValue(), 1, true)).append(",\n"));
            return out.append(")\n").toString();
        }

        @Override
        String footer() {
            return "\napp.synth()\n";
        }

        @Override
        String dependency(String construct, String on) {
            return construct + ".add_dependency(" + on + ")\n";
        }

        @Override
        String variable(String logicalId) {
            return snake(logicalId);
        }

        /** @param property the CloudFormation name the value belongs to (its struct, if any), or null */
        private String value(String property, JsonNode node, int indent, boolean names) {
            String pad = "    ".repeat(indent + 1);
            if (node.isArray()) {
                StringBuilder out = new StringBuilder("[\n");
                node.forEach(item -> out.append(pad).append(value(property, item, indent + 1, names)).append(",\n"));
                return out.append("    ".repeat(indent)).append(']').toString();
            }
            if (!node.isObject()) {
                return node.isTextual() ? PythonLiterals.string(node.asText()) : node.isBoolean()
                        ? (node.asBoolean() ? "True" : "False") : node.toString();
            }
            if (node.has("Fn::GetAtt")) {
                return variable(node.get("Fn::GetAtt").get(0).asText()) + "." + snake(attribute(
                        node.get("Fn::GetAtt").get(1).asText()));
            }
            if (node.has("Ref")) {
                return variable(node.get("Ref").asText()) + ".ref";
            }
            if (node.has("Fn::Sub")) {
                return "cdk.Fn.sub(" + PythonLiterals.string(node.get("Fn::Sub").asText()) + ")";
            }
            if (node.has("Fn::Join")) {
                return "cdk.Fn.join(" + PythonLiterals.string(node.get("Fn::Join").get(0).asText()) + ", "
                        + value(null, node.get("Fn::Join").get(1), indent, true) + ")";
            }
            String struct = names ? STRUCTS.get(property) : null;
            if (struct == null) { // a free-form map (Environment, Metadata)
                StringBuilder out = new StringBuilder("{\n");
                node.fields().forEachRemaining(field -> out.append(pad).append(PythonLiterals.string(field.getKey()))
                        .append(": ").append(value(field.getKey(), field.getValue(), indent + 1, false)).append(",\n"));
                return out.append("    ".repeat(indent)).append('}').toString();
            }
            StringBuilder out = new StringBuilder(struct).append("(\n");
            node.fields().forEachRemaining(field -> out.append(pad).append(snake(field.getKey())).append('=')
                    .append(value(field.getKey(), field.getValue(), indent + 1, !field.getKey().equals("Environment")))
                    .append(",\n"));
            return out.append("    ".repeat(indent)).append(')').toString();
        }
    }
}
