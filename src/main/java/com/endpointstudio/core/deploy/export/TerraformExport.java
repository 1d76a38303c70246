package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.upload.UploadRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The deployment as Terraform (HCL) for the AWS provider: {@code aws_s3_object} uploads of local
 * model data under their content keys, {@code aws_sagemaker_model}, {@code
 * aws_sagemaker_endpoint_configuration}, {@code aws_sagemaker_endpoint}, and {@code
 * aws_appautoscaling_target} / {@code aws_appautoscaling_policy}. Each block is the API request the
 * studio sends, its members in the provider's names (mostly snake_case; the exceptions are listed
 * below), so {@code terraform apply} creates what the studio's deploy creates.
 */
public final class TerraformExport implements SpecExport {

    /** The AWS provider the HCL is written for (its data source aws_region has a region attribute from 6.0). */
    public static final String PROVIDER_REQUIREMENT = ">= 6.0";

    /** Members whose provider name is not their snake_case: (resource type / API member) → attribute. */
    private static final Map<String, String> RENAMED = Map.of(
            "aws_sagemaker_model/ModelName", "name",
            "aws_sagemaker_model/Containers", "container",
            "aws_sagemaker_endpoint_configuration/EndpointConfigName", "name",
            "aws_sagemaker_endpoint_configuration/KmsKeyId", "kms_key_arn",
            "aws_sagemaker_endpoint/EndpointName", "name");
    /** Members that are maps (attributes), not nested blocks. */
    private static final Set<String> MAPS = Set.of("Environment", "Tags");

    @Override
    public String fileName(DeploymentSpec spec) {
        return "deploy-" + spec.endpoint().name() + ".tf";
    }

    @Override
    public String export(DeploymentSpec spec) {
        ExportPlan plan = new ExportPlan(spec);
        Hcl hcl = new Hcl();
        hcl.line("# Creates the SageMaker endpoint " + spec.endpoint().name() + ": Model, EndpointConfig, Endpoint.");
        hcl.line("# Exported by Endpoint Studio for the AWS provider " + PROVIDER_REQUIREMENT
                + ". terraform init && terraform apply");
        if (plan.needsDefaultBucket()) {
            hcl.line("# Local model data goes to the bucket SageMaker tools share, sagemaker-<region>-<account>;");
            hcl.line("# the studio and the SageMaker SDK create it on first use, Terraform expects it to exist.");
        }
        hcl.line("terraform {").open().line("required_providers {").open().line("aws = {").open()
                .line("source  = \"hashicorp/aws\"").line("version = " + Hcl.string(PROVIDER_REQUIREMENT))
                .close("}").close("}").close("}").blank();
        hcl.line("provider \"aws\" {}").blank();
        Map<String, String> uploads = new LinkedHashMap<>();
        if (!plan.uploads().isEmpty()) {
            if (plan.needsDefaultBucket()) {
                hcl.line("data \"aws_region\" \"current\" {}").line("data \"aws_caller_identity\" \"current\" {}")
                        .blank().line("locals {").open().line("default_bucket = \"sagemaker-${data.aws_region.current.region}"
                                + "-${data.aws_caller_identity.current.account_id}\"").close("}").blank();
            }
            int n = 0;
            for (ExportPlan.Upload upload : plan.uploads()) {
                uploads.put(upload.target().key() + "|" + upload.target().bucket(),
                        new TerraformUploads(hcl).write(upload, "model_data_" + ++n));
            }
        }
        Map<String, String> modelLabels = new LinkedHashMap<>();
        for (Map<String, Object> model : plan.createModels()) {
            String label = label("model", (String) model.get("ModelName"), plan.createModels().size());
            modelLabels.put((String) model.get("ModelName"), label);
            resource(hcl, "aws_sagemaker_model", label, model, uploads);
        }
        Map<String, Object> config = new LinkedHashMap<>(plan.createEndpointConfig());
        resource(hcl, "aws_sagemaker_endpoint_configuration", "config", withModelReferences(config, modelLabels), uploads);
        Map<String, Object> endpoint = new LinkedHashMap<>(plan.createEndpoint());
        endpoint.put("EndpointConfigName", new Hcl.Expression("aws_sagemaker_endpoint_configuration.config.name"));
        resource(hcl, "aws_sagemaker_endpoint", "endpoint", endpoint, uploads);
        int n = 0;
        for (ExportPlan.Scaling scaling : plan.scaling()) {
            TerraformScaling.write(hcl, scaling, ++n, plan.scaling().size());
        }
        new TerraformComponents(hcl, modelLabels).write(plan);
        return hcl.toString();
    }

    /** Variants name their model through its resource, so Terraform creates the model first. */
    private static Map<String, Object> withModelReferences(Map<String, Object> config, Map<String, String> labels) {
        List<Object> variants = new ArrayList<>();
        for (Object item : (List<?>) config.get("ProductionVariants")) {
            Map<String, Object> variant = new LinkedHashMap<>((Map<String, Object>) item);
            if (variant.containsKey("ModelName")) { // a variant of inference components names none
                variant.put("ModelName", new Hcl.Expression("aws_sagemaker_model."
                        + labels.get((String) variant.get("ModelName")) + ".name"));
            }
            variants.add(variant);
        }
        config.put("ProductionVariants", variants);
        return config;
    }

    private static void resource(Hcl hcl, String type, String label, Map<String, Object> request,
                                 Map<String, String> uploads) {
        hcl.line("resource " + Hcl.string(type) + " " + Hcl.string(label) + " {").open();
        List<String> dependsOn = new ArrayList<>();
        body(hcl, type, request, uploads, dependsOn);
        if (!dependsOn.isEmpty()) {
            hcl.line("depends_on = [" + String.join(", ", dependsOn) + "]");
        }
        hcl.close("}").blank();
    }

    /** @param path the resource type and the members above, as RENAMED names them */
    private static void body(Hcl hcl, String path, Map<?, ?> members, Map<String, String> uploads,
                             List<String> dependsOn) {
        members.forEach((key, value) -> {
            String member = String.valueOf(key);
            String name = RENAMED.getOrDefault(path + "/" + member, CdkExport.snake(member));
            if (member.equals("Tags")) {
                Map<String, Object> tags = new LinkedHashMap<>();
                ((List<?>) value).forEach(tag -> tags.put(String.valueOf(((Map<?, ?>) tag).get("Key")),
                        ((Map<?, ?>) tag).get("Value")));
                hcl.line("tags = " + Hcl.map(tags, hcl.indent()));
            } else if (MAPS.contains(member)) {
                hcl.line(name + " = " + Hcl.map((Map<?, ?>) value, hcl.indent()));
            } else if (value instanceof Map<?, ?> block) {
                hcl.line(name + " {").open();
                body(hcl, path + "/" + member, block, uploads, dependsOn);
                hcl.close("}");
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                list.forEach(item -> {
                    hcl.line(name + " {").open();
                    body(hcl, path + "/" + member, (Map<?, ?>) item, uploads, dependsOn);
                    hcl.close("}");
                });
            } else if (value instanceof S3Location location) {
                String upload = uploads.get(location.key() + "|" + location.bucket());
                if (location.key().endsWith("/")) { // a folder's files: wait for all of them
                    dependsOn.add(upload);
                    hcl.line(name + " = \"s3://" + (location.isDefaultBucket() ? "${local.default_bucket}"
                            : Hcl.escape(location.bucket())) + "/" + Hcl.escape(location.key()) + "\"");
                } else {
                    hcl.line(name + " = \"s3://${" + upload + ".bucket}/${" + upload + ".key}\"");
                }
            } else {
                hcl.line(name + " = " + Hcl.value(value));
            }
        });
    }

    /** A resource label: valid in HCL, unique when there are several models. */
    private static String label(String base, String name, int count) {
        if (count == 1) {
            return base;
        }
        return base + "_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** Where UploadRule put an artifact, written as the S3 objects Terraform uploads. */
    private record TerraformUploads(Hcl hcl) {

        /** @return the expression naming the upload's resource, for references and depends_on */
        String write(ExportPlan.Upload upload, String label) {
            UploadRule.Target target = upload.target();
            String bucket = target.isDefaultBucket() ? "local.default_bucket" : Hcl.string(target.bucket());
            String resource = "aws_s3_object." + label;
            switch (target.kind()) {
                case ARCHIVE -> object(label, bucket, Hcl.string(target.key()), Hcl.string(upload.localPath()), null);
                case FOLDER -> {
                    hcl.line("resource \"aws_s3_object\" " + Hcl.string(label) + " {").open()
                            .line("for_each = fileset(" + Hcl.string(upload.localPath()) + ", \"**\")")
                            .line("bucket   = " + bucket)
                            .line("key      = \"" + Hcl.escape(target.key()) + "${each.value}\"")
                            .line("source   = \"" + Hcl.escape(upload.localPath()) + "/${each.value}\"")
                            .close("}").blank();
                }
                case PACKED_FOLDER -> {
                    String archive = "${path.module}/" + label + ".tar.gz";
                    hcl.line("# Packs the folder as SageMaker unpacks it: its files are the archive's root.")
                            .line("resource \"terraform_data\" " + Hcl.string("pack_" + label) + " {").open()
                            .line("provisioner \"local-exec\" {").open()
                            .line("command = \"tar -czf '" + archive + "' -C '" + Hcl.escape(upload.localPath())
                                    + "' .\"")
                            .close("}").close("}").blank();
                    object(label, bucket, Hcl.string(target.key()), "\"" + archive + "\"",
                            "terraform_data.pack_" + label);
                }
            }
            return resource;
        }

        private void object(String label, String bucket, String key, String source, String dependsOn) {
            hcl.line("resource \"aws_s3_object\" " + Hcl.string(label) + " {").open()
                    .line("bucket = " + bucket).line("key    = " + key).line("source = " + source);
            if (dependsOn != null) {
                hcl.line("depends_on = [" + dependsOn + "]");
            }
            hcl.close("}").blank();
        }
    }
}
