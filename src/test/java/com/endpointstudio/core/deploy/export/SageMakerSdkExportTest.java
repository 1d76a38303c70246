package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SageMaker Python SDK export parses, and names only classes, functions and keyword arguments
 * that the SDK v2.257.6 has. The SDK can't be installed here, so its signatures are written below
 * from its source, file by file.
 */
class SageMakerSdkExportTest {

    /** Callables the script may use, with the keyword arguments each takes in the SDK's source. */
    private static final Map<String, Set<String>> SDK = Map.of(
            // src/sagemaker/model.py, Model.__init__ (line 153)
            "Model", Set.of("image_uri", "model_data", "role", "predictor_cls", "env", "name", "vpc_config",
                    "sagemaker_session", "enable_network_isolation", "model_kms_key", "image_config", "source_dir",
                    "code_location", "entry_point", "container_log_level", "dependencies", "git_config", "resources",
                    "additional_model_data_sources", "model_reference_arn"),
            // src/sagemaker/multidatamodel.py, MultiDataModel.__init__ (line 38): its own, then Model's
            "MultiDataModel", Set.of("name", "model_data_prefix", "model", "image_uri", "role", "sagemaker_session",
                    "env", "vpc_config", "enable_network_isolation", "predictor_cls"),
            // src/sagemaker/pipeline.py, PipelineModel.__init__ (line 55)
            "PipelineModel", Set.of("models", "role", "predictor_cls", "name", "vpc_config", "sagemaker_session",
                    "enable_network_isolation"),
            // src/sagemaker/serverless/serverless_inference_config.py (line 29)
            "ServerlessInferenceConfig", Set.of("memory_size_in_mb", "max_concurrency", "provisioned_concurrency"),
            // src/sagemaker/async_inference/async_inference_config.py (line 28)
            "AsyncInferenceConfig", Set.of("output_path", "max_concurrent_invocations_per_instance", "kms_key_id",
                    "notification_config", "failure_path"),
            // src/sagemaker/model_monitor/data_capture_config.py (line 38)
            "DataCaptureConfig", Set.of("enable_capture", "sampling_percentage", "destination_s3_uri", "kms_key_id",
                    "capture_options", "csv_content_types", "json_content_types", "sagemaker_session"),
            // src/sagemaker/session.py: production_variant (line 8290), Session.__init__
            "sagemaker.production_variant", Set.of("model_name", "instance_type", "initial_instance_count",
                    "variant_name", "initial_weight", "accelerator_type", "serverless_inference_config", "volume_size",
                    "model_data_download_timeout", "container_startup_health_check_timeout",
                    "managed_instance_scaling", "routing_config", "inference_ami_version"),
            "sagemaker.Session", Set.of("boto_session", "sagemaker_client", "sagemaker_runtime_client",
                    "sagemaker_featurestore_runtime_client", "default_bucket", "sagemaker_config",
                    "sagemaker_metrics_client", "default_bucket_prefix"),
            // Session.endpoint_from_production_variants (line 6220)
            "endpoint_from_production_variants", Set.of("name", "production_variants", "tags", "kms_key", "wait",
                    "data_capture_config_dict", "async_inference_config_dict", "explainer_config_dict", "live_logging",
                    "vpc_config", "enable_network_isolation", "role"));

    /** Methods on the SDK's objects: Model.deploy (model.py line 1383), PipelineModel.deploy (pipeline.py line 160), Model.create (model.py line 639). */
    private static final Map<String, Set<String>> METHODS = Map.of(
            "deploy", Set.of("initial_instance_count", "instance_type", "serializer", "deserializer",
                    "accelerator_type", "endpoint_name", "tags", "kms_key", "wait", "data_capture_config",
                    "async_inference_config", "serverless_inference_config", "volume_size", "update_endpoint"),
            "create", Set.of("instance_type", "accelerator_type", "serverless_inference_config", "tags", "accept_eula",
                    "model_reference_arn"));

    /** Modules and names the script imports from the SDK (each module's __init__ exports them). */
    private static final Set<String> IMPORTS = Set.of("sagemaker.model.Model", "sagemaker.multidatamodel.MultiDataModel",
            "sagemaker.pipeline.PipelineModel", "sagemaker.serverless.ServerlessInferenceConfig",
            "sagemaker.async_inference.AsyncInferenceConfig", "sagemaker.model_monitor.DataCaptureConfig");

    /** Lists every call with its keyword names, and every `from sagemaker… import …`, as JSON. */
    private static final String INSPECT = """
            import ast, json, sys
            tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
            calls, imports = [], []
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    f = node.func
                    if isinstance(f, ast.Name):
                        name = f.id
                    elif isinstance(f, ast.Attribute):
                        owner = f.value.id if isinstance(f.value, ast.Name) else "?"
                        name = owner + "." + f.attr
                    else:
                        name = "?"
                    calls.append({"name": name, "keywords": [k.arg for k in node.keywords]})
                if isinstance(node, ast.ImportFrom) and node.module.startswith("sagemaker"):
                    imports += [node.module + "." + a.name for a in node.names]
            print(json.dumps({"calls": calls, "imports": imports}))
            """;

    @TempDir
    static Path files;

    @TempDir
    Path work;

    static Stream<Arguments> options() {
        return Stream.concat(HostingOptionSpecs.all(files), Stream.of(
                Arguments.of("simple real-time", TestSpecs.simple("simple")),
                Arguments.of("serial pipeline without hostnames", withoutHostnames(TestSpecs.pipeline("pipe")))));
    }

    private static DeploymentSpec withoutHostnames(DeploymentSpec spec) {
        var model = spec.models().get(0);
        var containers = model.containers().stream().map(c -> new DeploymentSpec.ContainerSpec(c.image(), c.framework(),
                c.modelData(), c.environment(), null, c.mode())).toList();
        return new DeploymentSpec(1, List.of(new DeploymentSpec.ModelSpec(model.name(), model.executionRoleArn(),
                containers, "Serial", null, false)), spec.endpointConfig(), spec.endpoint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theScriptParsesAndUsesOnlyTheSdksOwnClassesAndArguments(String option, DeploymentSpec spec) throws Exception {
        String script = new SageMakerSdkExport().export(spec);
        JsonNode found = inspect(script);

        assertThat(found.get("imports")).extracting(JsonNode::asText).allSatisfy(name -> assertThat(IMPORTS)
                .as("import " + name).contains(name));
        for (JsonNode call : found.get("calls")) {
            String name = call.get("name").asText();
            String callable = name.contains(".") && !name.startsWith("sagemaker.") ? name.substring(name.indexOf('.') + 1)
                    : name;
            Set<String> allowed = SDK.containsKey(name) ? SDK.get(name) : name.startsWith("model.")
                    || name.equals("?.create") ? METHODS.get(callable) : SDK.get(callable);
            if (allowed == null) {
                continue; // boto3, the standard library, the script's own helpers
            }
            assertThat(call.get("keywords")).extracting(JsonNode::asText).as(option + ": " + name)
                    .allSatisfy(keyword -> assertThat(allowed).contains(keyword));
        }
        assertThat(script).contains("pip install \"sagemaker>=2.200,<3\"");
    }

    @Test
    void aSingleModelDeploysAsTheSdkDoesWithEveryEndpointOption() throws Exception {
        DeploymentSpec option = (DeploymentSpec) HostingOptionSpecs.all(Files.createDirectories(work.resolve("m")))
                .findFirst().orElseThrow().get()[1];
        var variant = option.endpointConfig().variants().get(0);
        var config = option.endpointConfig();
        DeploymentSpec spec = new DeploymentSpec(1, option.models(), new DeploymentSpec.EndpointConfigSpec(config.name(),
                List.of(new DeploymentSpec.VariantSpec("AllTraffic", variant.modelName(), variant.instanceType(),
                        variant.initialInstanceCount(), 1.0, null, variant.autoScaling())), config.async(),
                config.dataCapture(), config.kmsKeyId()), option.endpoint());
        String script = new SageMakerSdkExport().export(spec);
        assertThat(script).contains("model = Model(").contains("model.deploy(").contains("DataCaptureConfig(")
                .contains("kms_key=\"arn:aws:kms:us-east-1:123456789012:key/volumes\"")
                .contains("capture_options=[\n            \"REQUEST\",\n            \"RESPONSE\",\n        ]")
                .contains("enable_network_isolation=True").contains("register_scalable_target(")
                .contains("# The SDK names the EndpointConfig after the endpoint (same); the studio's deploy names "
                        + "it same-config.");
    }

    @Test
    void severalVariantsGoThroughProductionVariantsAndADirectModelThroughBoto3() throws Exception {
        var options = HostingOptionSpecs.all(Files.createDirectories(work.resolve("m"))).toList();
        DeploymentSpec ab = (DeploymentSpec) options.get(6).get()[1];
        String script = new SageMakerSdkExport().export(ab);
        assertThat(script).contains("Model(").contains(".create(tags=TAGS)").contains("sagemaker.production_variant(")
                .contains("variant_name=\"Green\"").contains("initial_weight=0.25")
                .contains("sagemaker_session.endpoint_from_production_variants(");
        DeploymentSpec direct = (DeploymentSpec) options.get(5).get()[1];
        assertThat(new SageMakerSdkExport().export(direct))
                .contains("# The SDK has no InferenceExecutionConfig nor container hostnames: boto3 creates this model.")
                .contains("session.client(\"sagemaker\").create_model(").contains("\"Mode\": \"Direct\"");
    }

    private JsonNode inspect(String script) throws Exception {
        Path file = work.resolve("deploy.py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path inspector = work.resolve("inspect.py");
        Files.writeString(inspector, INSPECT, StandardCharsets.UTF_8);
        Process python = new ProcessBuilder(TestPython.systemPython(), inspector.toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0).as(output + "\n" + script).isTrue();
        return new ObjectMapper().readTree(output);
    }
}
