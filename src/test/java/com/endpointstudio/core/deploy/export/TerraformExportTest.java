package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform export, parsed by HashiCorp's own HCL parser (@cdktf/hcl2json) and checked against
 * the AWS provider's schema as @cdktf/provider-aws carries it: every resource and data source
 * exists, every attribute and nested block is one the provider has, blocks are written as blocks.
 */
class TerraformExportTest {

    private static final List<String> PACKAGES = List.of("@cdktf/hcl2json@0.21", "@cdktf/provider-aws@21");
    /** Arguments every resource takes, which are Terraform's own rather than the provider's. */
    private static final Set<String> META = Set.of("depends_on", "for_each", "count", "provider", "lifecycle",
            "provisioner");
    /** Resources Terraform itself provides. */
    private static final Set<String> BUILT_IN = Set.of("terraform_data");

    private static final String PARSE = """
            const fs = require('fs');
            const { parse } = require('@cdktf/hcl2json');
            parse(process.argv[2], fs.readFileSync(process.argv[2], 'utf8'))
                .then(json => console.log(JSON.stringify(json)))
                .catch(error => { console.error(String(error)); process.exit(1); });
            """;

    @TempDir
    static Path files;

    @TempDir
    Path work;

    private static Path modules;

    @BeforeAll
    static void install() {
        modules = TestNode.modules("terraform", PACKAGES);
    }

    @Test
    void everyHostingOptionsHclParsesAndUsesOnlyTheProvidersAttributesAndBlocks() throws Exception {
        Files.createSymbolicLink(work.resolve("node_modules"), modules);
        Path parser = Files.writeString(work.resolve("parse.js"), PARSE);
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Schema>> schemas = new HashMap<>();
        Set<String> seen = new java.util.TreeSet<>();
        List<DeploymentSpec> specs = new ArrayList<>(HostingOptionSpecs.all(files).map(o -> (DeploymentSpec) o.get()[1])
                .toList());
        specs.add(TestSpecs.pipeline("pipe"));
        for (DeploymentSpec spec : specs) {
            Path tf = Files.writeString(work.resolve("main.tf"), new TerraformExport().export(spec), StandardCharsets.UTF_8);
            JsonNode parsed = json.readTree(TestNode.run(work, List.of("node", parser.toString(), tf.toString()), 1));
            for (String kind : List.of("resource", "data")) {
                parsed.path(kind).fields().forEachRemaining(type -> {
                    if (BUILT_IN.contains(type.getKey())) {
                        return;
                    }
                    Map<String, Schema> schema = schemas.computeIfAbsent(kind + " " + type.getKey(),
                            key -> schema(kind, type.getKey()));
                    seen.add(type.getKey());
                    type.getValue().fields().forEachRemaining(label -> label.getValue().forEach(block ->
                            check(type.getKey() + "." + label.getKey(), block, schema)));
                });
            }
        }
        assertThat(seen).contains("aws_sagemaker_model", "aws_sagemaker_endpoint_configuration", "aws_sagemaker_endpoint",
                "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_s3_object", "aws_region",
                "aws_caller_identity");
    }

    @Test
    void valuesAreTheRequestsTheStudioSends() throws Exception {
        DeploymentSpec spec = (DeploymentSpec) HostingOptionSpecs.all(Files.createDirectories(work.resolve("m")))
                .toList().get(2).get()[1];
        String hcl = new TerraformExport().export(spec);
        assertThat(hcl).contains("resource \"aws_sagemaker_endpoint_configuration\" \"config\" {")
                .contains("model_name = aws_sagemaker_model.model.name")
                .contains("s3_output_path = \"s3://results/same/out\"").contains("kms_key_id = \"alias/results\"")
                .contains("max_concurrent_invocations_per_instance = 4")
                .contains("endpoint_config_name = aws_sagemaker_endpoint_configuration.config.name")
                .contains("min_capacity       = 0")
                .containsPattern("key    = \"team/models/[0-9a-f]{64}/model.tar.gz\"")
                .contains("model_data_url = \"s3://${aws_s3_object.model_data_1.bucket}/${aws_s3_object.model_data_1.key}\"")
                .contains("\"GREETING\" = \"it's \\\"quoted\\\" $HOME `date` \\\\ back\\\\slash\"");
    }

    /** Attributes and nested blocks a resource (or a block of it) takes, from the provider's generated code. */
    private record Schema(Map<String, String> children) {
    }

    private static final Pattern FUNCTION = Pattern.compile(
            "function (\\w+)ToTerraform\\(struct\\) \\{.*?\\n    return \\{\\n(.*?)\\n    \\};\\n\\}", Pattern.DOTALL);
    private static final Pattern SYNTH = Pattern.compile(
            "synthesizeAttributes\\(\\) \\{\\n        return \\{\\n(.*?)\\n        \\};", Pattern.DOTALL);
    private static final Pattern MEMBER = Pattern.compile("^\\s*(\\w+): (.*),$", Pattern.MULTILINE);
    private static final Pattern CHILD = Pattern.compile("(?<!cdktf\\.)\\b(\\w+)ToTerraform\\b");

    /** The schema of a resource, keyed by "" for its top level and by struct function for its blocks. */
    private static Map<String, Schema> schema(String kind, String type) {
        String dir = (kind.equals("data") ? "data-aws-" : "") + type.replaceFirst("^aws_", "").replace('_', '-');
        Path file = modules.resolve("@cdktf/provider-aws/lib").resolve(dir).resolve("index.js");
        assertThat(file).as("the provider has " + kind + " " + type).exists();
        String js;
        try {
            js = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Schema> schema = new TreeMap<>();
        Matcher function = FUNCTION.matcher(js);
        while (function.find()) {
            schema.put(function.group(1), members(function.group(2)));
        }
        Matcher synth = SYNTH.matcher(js);
        assertThat(synth.find()).as(type + " synthesizes attributes").isTrue();
        schema.put("", members(synth.group(1)));
        return schema;
    }

    private static Schema members(String body) {
        Map<String, String> children = new TreeMap<>();
        Matcher member = MEMBER.matcher(body);
        while (member.find()) {
            Matcher child = CHILD.matcher(member.group(2));
            children.put(member.group(1), child.find() ? child.group(1) : "");
        }
        return new Schema(children);
    }

    private static void check(String where, JsonNode block, Map<String, Schema> schema) {
        check(where, block, schema.get(""), schema);
    }

    private static void check(String where, JsonNode block, Schema level, Map<String, Schema> schema) {
        block.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (META.contains(name)) {
                return;
            }
            assertThat(level.children()).as(where + " takes " + name).containsKey(name);
            String child = level.children().get(name);
            boolean written = field.getValue().isArray() && field.getValue().size() > 0
                    && field.getValue().get(0).isObject();
            if (child.isEmpty()) {
                assertThat(written).as(where + "." + name + " is an attribute, written as a block").isFalse();
            } else {
                assertThat(written).as(where + "." + name + " is a block").isTrue();
                field.getValue().forEach(nested -> check(where + "." + name, nested, schema.get(child), schema));
            }
        });
    }
}
