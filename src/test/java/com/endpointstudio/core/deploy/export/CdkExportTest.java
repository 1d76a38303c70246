package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.testing.TestNode;
import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDK exports against aws-cdk-lib itself: the TypeScript app of every hosting option is
 * compiled by tsc (which checks every prop against the constructs' types) and synthesized, and its
 * template compared resource by resource with the CloudFormation export; the Python app names only
 * constructs, structs and arguments that aws-cdk-lib declares.
 */
class CdkExportTest {

    private static final List<String> PACKAGES = List.of("aws-cdk-lib@2", "constructs@10", "typescript@5");
    private static final Set<String> OUR_TYPES = Set.of("AWS::SageMaker::Model", "AWS::SageMaker::EndpointConfig",
            "AWS::SageMaker::Endpoint", "AWS::ApplicationAutoScaling::ScalableTarget",
            "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::SageMaker::InferenceComponent", "AWS::CloudWatch::Alarm");

    @TempDir
    static Path files;

    @TempDir
    static Path work;

    private static Path modules;
    private static List<DeploymentSpec> specs;

    @BeforeAll
    static void install() throws Exception {
        modules = TestNode.modules("cdk", PACKAGES);
        specs = HostingOptionSpecs.all(files).map(option -> (DeploymentSpec) option.get()[1]).toList();
    }

    @Test
    void everyTypeScriptAppSynthesizesTheCloudFormationExportsResources() throws Exception {
        Path app = Files.createDirectories(work.resolve("ts"));
        Files.createSymbolicLink(app.resolve("node_modules"), modules);
        Files.writeString(app.resolve("tsconfig.json"), """
                {"compilerOptions": {"target": "ES2020", "module": "commonjs", "strict": true, "skipLibCheck": true,
                                     "outDir": "out"}}
                """);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String name = "app" + i;
            Files.writeString(app.resolve(name + ".ts"), new CdkExport.TypeScript().export(renamed(specs.get(i), i)),
                    StandardCharsets.UTF_8);
            names.add(name);
        }
        TestNode.run(app, List.of("node", modules.resolve("typescript/bin/tsc").toString(), "-p", "."), 5);

        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < specs.size(); i++) {
            DeploymentSpec spec = renamed(specs.get(i), i);
            Path out = app.resolve("cdk.out-" + i);
            ProcessBuilder synth = new ProcessBuilder("node", app.resolve("out/" + names.get(i) + ".js").toString())
                    .directory(app.toFile()).redirectErrorStream(true);
            synth.environment().put("CDK_OUTDIR", out.toString());
            Process process = synth.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor() == 0).as(output).isTrue();
            JsonNode synthesized = json.readTree(out.resolve("EndpointStudio-" + spec.endpoint().name()
                    + ".template.json").toFile());
            JsonNode exported = new CloudFormationExport().template(spec);
            Map<String, JsonNode> expected = ours(exported);
            Map<String, JsonNode> actual = ours(synthesized);
            assertThat(actual.keySet()).as(spec.endpoint().name()).isEqualTo(expected.keySet());
            expected.forEach((id, resource) -> assertThat(resource.equals(NUMBERS_BY_VALUE, actual.get(id)))
                    .as(spec.endpoint().name() + " " + id + "\n  exported:    " + resource + "\n  synthesized: "
                            + actual.get(id)).isTrue());
            assertThat(synthesized.path("Metadata").path("EndpointStudio")).isEqualTo(exported.path("Metadata")
                    .path("EndpointStudio"));
        }
    }

    /** Member by member; numbers by value (1 and 1.0 are the same weight). */
    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1;

    /** Each option under a name of its own, so the stacks of one run don't share a name. */
    private static DeploymentSpec renamed(DeploymentSpec spec, int i) {
        return new DeploymentSpec(1, spec.models(), spec.endpointConfig(), new DeploymentSpec.EndpointSpec(
                spec.endpoint().name() + "-" + i, spec.endpoint().tags()), spec.inferenceComponents());
    }

    private static Map<String, JsonNode> ours(JsonNode template) {
        Map<String, JsonNode> resources = new TreeMap<>();
        template.get("Resources").fields().forEachRemaining(resource -> {
            if (OUR_TYPES.contains(resource.getValue().get("Type").asText())) {
                ObjectNode kept = new ObjectMapper().createObjectNode();
                kept.set("Type", resource.getValue().get("Type"));
                kept.set("Properties", tagsByKey(resource.getValue().get("Properties").deepCopy()));
                resources.put(resource.getKey(), kept);
            }
        });
        return resources;
    }

    /** CDK's tag manager writes tags sorted by key; their order means nothing to CloudFormation. */
    private static JsonNode tagsByKey(JsonNode properties) {
        if (properties.has("Tags")) {
            List<JsonNode> tags = new ArrayList<>();
            properties.get("Tags").forEach(tags::add);
            tags.sort(java.util.Comparator.comparing(tag -> tag.get("Key").asText()));
            ((ObjectNode) properties).set("Tags", new ObjectMapper().valueToTree(tags));
        }
        return properties;
    }

    /** Calls of the Python app: construct or struct, and the keyword arguments given to it. */
    private static final String INSPECT = """
            import ast, json, sys
            tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
            calls = []
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    parts, f = [], node.func
                    while isinstance(f, ast.Attribute):
                        parts.insert(0, f.attr)
                        f = f.value
                    if isinstance(f, ast.Name):
                        parts.insert(0, f.id)
                    calls.append({"name": ".".join(parts), "keywords": [k.arg for k in node.keywords]})
            print(json.dumps(calls))
            """;

    @Test
    void everyPythonAppNamesOnlyWhatAwsCdkLibDeclares() throws Exception {
        Map<String, Set<String>> declared = declarations();
        Path inspector = Files.writeString(work.resolve("inspect.py"), INSPECT);
        ObjectMapper json = new ObjectMapper();
        Set<String> used = new TreeSet<>();
        for (DeploymentSpec spec : specs) {
            Path app = Files.writeString(work.resolve("app.py"), new CdkExport.Python().export(spec));
            String output = TestNode.run(work, List.of(TestPython.systemPython(), inspector.toString(), app.toString()), 1);
            for (JsonNode call : json.readTree(output)) {
                String name = call.get("name").asText();
                if (!name.startsWith("sagemaker.Cfn") && !name.startsWith("appscaling.Cfn") && !name.equals("cdk.CfnTag")) {
                    continue;
                }
                String type = name.substring(name.indexOf('.') + 1);
                assertThat(declared).as("aws-cdk-lib declares " + type).containsKey(type);
                used.add(type);
                for (JsonNode keyword : call.get("keywords")) {
                    assertThat(declared.get(type)).as(type + " has " + keyword.asText())
                            .contains(CdkExport.camel(pascal(keyword.asText())));
                }
            }
        }
        assertThat(used).contains("CfnModel", "CfnModel.ContainerDefinitionProperty", "CfnEndpointConfig",
                "CfnEndpointConfig.AsyncInferenceOutputConfigProperty", "CfnScalingPolicy", "CfnTag");
    }

    private static String pascal(String snake) {
        StringBuilder out = new StringBuilder();
        for (String word : snake.split("_")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    private static final Pattern INTERFACE = Pattern.compile("interface (\\w+) \\{(.*?)\\n\\s*\\}", Pattern.DOTALL);
    private static final Pattern MEMBER = Pattern.compile("readonly (\\w+)\\??:");

    /**
     * What aws-cdk-lib's generated declarations hold: each construct's props ("CfnModel" from
     * CfnModelProps) and each struct of its namespace ("CfnModel.VpcConfigProperty"), with their members.
     */
    private static Map<String, Set<String>> declarations() throws Exception {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (String file : List.of("aws-sagemaker/lib/sagemaker.generated.d.ts",
                "aws-applicationautoscaling/lib/applicationautoscaling.generated.d.ts", "core/lib/cfn-tag.d.ts")) {
            String text = Files.readString(modules.resolve("aws-cdk-lib").resolve(file));
            String namespace = null;
            for (String line : text.split("\n")) {
                Matcher open = Pattern.compile("^export declare namespace (\\w+) \\{").matcher(line);
                if (open.find()) {
                    namespace = open.group(1);
                }
            }
            Matcher matcher = INTERFACE.matcher(text);
            while (matcher.find()) {
                Set<String> members = new TreeSet<>();
                Matcher member = MEMBER.matcher(matcher.group(2));
                while (member.find()) {
                    members.add(member.group(1));
                }
                String owner = namespaceAt(text, matcher.start());
                String name = matcher.group(1);
                if (owner == null && name.endsWith("Props")) {
                    declared.put(name.substring(0, name.length() - "Props".length()), members);
                } else if (owner != null) {
                    declared.put(owner + "." + name, members);
                } else {
                    declared.put(name, members);
                }
            }
        }
        return declared;
    }

    private static String namespaceAt(String text, int position) {
        int start = text.lastIndexOf("export declare namespace ", position);
        if (start < 0) {
            return null;
        }
        int close = text.indexOf("\n}", start);
        if (close >= 0 && close < position) {
            return null;
        }
        String rest = text.substring(start + "export declare namespace ".length());
        return rest.substring(0, rest.indexOf(' '));
    }
}
