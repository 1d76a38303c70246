package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.cli.Cli;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestArchives;
import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each layout the framework containers accept, built with {@code endpoint-studio package}, given the
 * environment {@code spec new} writes for it, served by Local hosting with the container's
 * personality and called with boto3: the model and the entry point must be found where SageMaker
 * finds them. Archives the packager refuses are made by hand and must be refused by Local hosting
 * too, for the same reason.
 */
class PackagedLayoutsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The conformance suite's modules, so both share one test environment. */
    private static final List<String> MODULES = List.of("numpy", "sklearn", "joblib", "torch", "tensorflow",
            "transformers", "requests");
    private static final List<String> PACKAGES = List.of("numpy", "scikit-learn", "joblib", "torch", "tensorflow-cpu",
            "transformers", "requests");
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    @TempDir
    static Path work;

    private static String python;
    private static Path models;
    private static StudioServices services;
    private static LocalHost host;
    private static LocalRuntimeServer server;

    private String out;

    @BeforeAll
    static void start() throws Exception {
        python = TestPython.withModules(MODULES, PACKAGES);
        models = Files.createDirectories(work.resolve("models"));
        run(List.of(python, resource("build_models.py").toString(), models.toString()), "build the test models");
        services = new StudioServices(StudioPaths.under(work.resolve("studio")), MotoServer.awsEnvironment(work.resolve(".aws")));
        host = new LocalHost(work.resolve("local"), () -> PythonInterpreter.detect(python), Duration.ofSeconds(180),
                Duration.ofSeconds(60));
        server = new LocalRuntimeServer(host, new LocalMetrics(), 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aNamedTensorFlowModelIsServedUnderItsFolderNameAndVersion() throws Exception {
        Path archive = build("tf-named", "--framework", "tensorflow", "--framework-version", "2.13",
                "--model", models.resolve("half_plus_three").toString());
        assertThat(out).contains("TensorFlow Serving will serve model `half_plus_three`, versions 123");
        assertThat(inspect(archive, "tensorflow")).contains("  half_plus_three/   (served as model `half_plus_three`)")
                .contains("  half_plus_three/00000123/   (version 123)");

        JsonNode results = serve("tf-named", archive, "tensorflow", "2.13", environment(archive, "tensorflow", "2.13"),
                request("default model", "{\"instances\": [1.0, 2.0, 5.0]}", null),
                request("by name and version", "{\"instances\": [1.0]}", "tfs-model-name=half_plus_three,tfs-model-version=123"),
                request("the flattened name", "{\"instances\": [1.0]}", "tfs-model-name=model"));
        assertThat(results.path("default model").path("body").asText()).contains("[3.5, 4.0, 5.5]");
        assertThat(results.path("by name and version").path("body").asText()).contains("[3.5]");
        assertThat(results.path("the flattened name").path("status").asInt()).isEqualTo(404);
        assertThat(results.path("the flattened name").path("body").asText()).contains("Servable not found");
    }

    @Test
    void severalTensorFlowModelsAreServedByTheirNames() throws Exception {
        Path archive = build("tf-multi", "--framework", "tensorflow", "--framework-version", "2.13",
                "--model", models.resolve("model1").toString(), "--model", models.resolve("model2").toString());
        assertThat(out).contains("TensorFlow Serving will serve model `model1`, versions 1")
                .contains("TensorFlow Serving will serve model `model2`, versions 1").contains("tfs-model-name=NAME");
        assertThat(inspect(archive, "tensorflow")).contains("  model1/   (served as model `model1`)")
                .contains("  model2/   (served as model `model2`)");

        JsonNode results = serve("tf-multi", archive, "tensorflow", "2.13", environment(archive, "tensorflow", "2.13"),
                request("model1", "{\"instances\": [1.0, 2.0]}", "tfs-model-name=model1"),
                request("model2", "{\"instances\": [1.0, 2.0]}", "tfs-model-name=model2"));
        assertThat(results.path("model1").path("body").asText()).contains("[2.0, 4.0]");
        assertThat(results.path("model2").path("body").asText()).contains("[3.0, 6.0]");
    }

    @Test
    void tensorFlowRefusesCodeWithoutASavedModelAsThePackagerSays() throws Exception {
        Path script = Files.writeString(work.resolve("inference.py"), "def handler(data, context):\n    return b'', 'a/b'\n");
        assertThat(packageCommand("--framework", "tensorflow", "--code", script.toString(), "-o",
                work.resolve("tf-code.tar.gz").toString())).isEqualTo(1);
        assertThat(out).contains("no SavedModel bundles found!");

        Path byHand = TestArchives.tarGz(work.resolve("tf-code-by-hand.tar.gz"), Map.of("code/inference.py",
                Files.readString(script)));
        LocalEndpointStatus status = host.create("tf-code", byHand, "tensorflow", "2.13", Map.of(), null, line -> { });
        host.delete("tf-code");
        assertThat(status.status()).isEqualTo("Failed");
        assertThat(status.failureReason()).contains("no SavedModel bundles found!");
    }

    @Test
    void pytorchImportsTheEntryPointSagemakerProgramNames() throws Exception {
        Path archive = build("pt-code", "--framework", "pytorch", "--framework-version", "2.1",
                "--code", resource("pytorch/predict.py").toString(), "--entry-point", "predict.py");
        assertThat(out).contains("Code only").contains("SAGEMAKER_PROGRAM=predict.py");
        assertThat(inspect(archive, "pytorch", "--entry-point", "predict.py"))
                .contains("code/predict.py   (entry point (SAGEMAKER_PROGRAM=predict.py))");
        Map<String, String> environment = environment(archive, "pytorch", "2.1", "--entry-point", "predict.py");
        assertThat(environment).containsEntry("SAGEMAKER_PROGRAM", "predict.py");

        JsonNode results = serve("pt-code", archive, "pytorch", "2.1", with(environment, "SAGEMAKER_MODEL_SERVER_WORKERS", "1"),
                request("rows", "[[1.0, 2.0]]", null));
        assertThat(results.path("rows").path("body").asText().replaceAll("\\s", "")).isEqualTo("[[21.5]]");

        // the spec of the default entry point: the container would not find predict.py
        LocalEndpointStatus status = host.create("pt-default", archive, "pytorch", "2.1",
                with(environment(archive, "pytorch", "2.1"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, line -> { });
        host.delete("pt-default");
        assertThat(status.status()).isEqualTo("Failed");
        assertThat(status.failureReason()).contains("Exactly one .pth or .pt file is required");
    }

    @Test
    void scikitLearnImportsServePyAndItLoadsTheModelBesideCode() throws Exception {
        Path archive = build("sk-serve", "--framework", "sklearn", "--framework-version", "1.2-1",
                "--model", models.resolve("regression/model.joblib").toString(),
                "--code", resource("sklearn/serve.py").toString(), "--entry-point", "serve.py");
        assertThat(out).contains("imports code/serve.py (SAGEMAKER_PROGRAM=serve.py");
        assertThat(inspect(archive, "sklearn", "--entry-point", "serve.py")).contains("model.joblib   (read by your model_fn)")
                .contains("code/serve.py   (entry point (SAGEMAKER_PROGRAM=serve.py))");

        JsonNode results = serve("sk-serve", archive, "sklearn", "1.2-1", with(environment(archive, "sklearn", "1.2-1",
                "--entry-point", "serve.py"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"), request("rows", "[[1], [2]]", null));
        JsonNode predictions = JSON.readTree(results.path("rows").path("body").asText());
        assertThat(predictions.get(0).asDouble()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(predictions.get(1).asDouble()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aHuggingFaceModelFolderIsServedWithTheTaskOfItsConfig() throws Exception {
        Path archive = build("hf-folder", "--framework", "huggingface", "--framework-version", "4.37",
                "--model", models.resolve("bert").toString());
        assertThat(out).contains("builds a text-classification pipeline").contains("model.safetensors")
                .contains("and the tokenizer ").contains("tokenizer_config.json");
        assertThat(inspect(archive, "huggingface")).contains("config.json   (model config: BertForSequenceClassification, "
                + "task text-classification)").contains("model.safetensors   (weights)")
                .contains("tokenizer_config.json   (tokenizer)");

        JsonNode results = serve("hf-folder", archive, "huggingface", "4.37", with(environment(archive, "huggingface",
                "4.37", "--base-framework-version", "pytorch2.1"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"),
                request("inputs", "{\"inputs\": \"hello world\"}", null));
        assertThat(results.path("inputs").path("body").asText()).contains("\"label\":\"LABEL_").contains("\"score\":");
    }

    @Test
    void aHuggingFaceCodeOnlyArchiveRunsModelFnOnAFolderOfCodeAlone() throws Exception {
        Path archive = build("hf-code", "--framework", "huggingface", "--framework-version", "4.37",
                "--code", resource("huggingface/inference.py").toString());
        assertThat(out).contains("Code only").contains("No errors or warnings");
        assertThat(inspect(archive, "huggingface")).contains("code/inference.py   (entry point (SAGEMAKER_PROGRAM="
                + "inference.py))");

        JsonNode results = serve("hf-code", archive, "huggingface", "4.37", with(environment(archive, "huggingface",
                "4.37", "--base-framework-version", "pytorch2.1"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"),
                request("inputs", "{\"inputs\": \"hi\"}", null));
        assertThat(results.path("inputs").path("body").asText()).isEqualTo("[{\"echo\":\"hi\",\"model_dir\":[\"code\"]}]");
    }

    @Test
    void mxnetImportsItsEntryPointAndRefusesAnArchiveWithout() throws Exception {
        Path checkpoint = Files.createDirectories(work.resolve("mxnet"));
        Files.writeString(checkpoint.resolve("model-symbol.json"), "{\"name\": \"dense0\", \"nodes\": []}");
        Files.write(checkpoint.resolve("model-0000.params"), new byte[32]);
        Path archive = build("mx-predict", "--framework", "mxnet", "--framework-version", "1.9.0",
                "--model", checkpoint.toString(), "--code", resource("mxnet/predict.py").toString(),
                "--entry-point", "predict.py");
        assertThat(out).contains("imports code/predict.py (SAGEMAKER_PROGRAM=predict.py");
        assertThat(inspect(archive, "mxnet", "--entry-point", "predict.py"))
                .contains("model-symbol.json   (network symbol, prefix model)")
                .contains("model-0000.params   (parameters of prefix model, epoch 0)");

        JsonNode results = serve("mx-predict", archive, "mxnet", "1.9.0", with(environment(archive, "mxnet", "1.9.0",
                "--entry-point", "predict.py"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"), request("any", "[1]", null));
        assertThat(results.path("any").path("body").asText()).isEqualTo("{\"symbol\": \"dense0\", \"params\": true}");

        assertThat(packageCommand("--framework", "mxnet", "--model", checkpoint.toString(), "-o",
                work.resolve("mx-none.tar.gz").toString())).isEqualTo(1);
        assertThat(out).contains("import_module exception");
        Path byHand = TestArchives.tarGz(work.resolve("mx-by-hand.tar.gz"), Map.of("model-symbol.json", "{}",
                "model-0000.params", "x", "model-shapes.json", "[]"));
        LocalEndpointStatus status = host.create("mx-none", byHand, "mxnet", "1.9.0",
                with(environment(byHand, "mxnet", "1.9.0"), "SAGEMAKER_MODEL_SERVER_WORKERS", "1"), null, line -> { });
        host.delete("mx-none");
        assertThat(status.status()).isEqualTo("Failed");
        assertThat(status.failureReason()).contains("import_module exception: No module named 'inference'");
    }

    @Test
    void aCustomContainersCodeOnlyArchiveRunsOnTheInferenceToolkit() throws Exception {
        Path archive = build("custom-code", "--framework", "custom", "--code", resource("custom/inference.py").toString());
        assertThat(inspect(archive, "custom")).contains("code/inference.py   (entry point, if your image runs the SageMaker "
                + "inference toolkit (SAGEMAKER_PROGRAM=inference.py))");
        JsonNode results = serve("custom-code", archive, "custom", null, Map.of("SAGEMAKER_MODEL_SERVER_WORKERS", "1"),
                request("rows", "[[1, 2]]", null));
        assertThat(results.path("rows").path("body").asText().replaceAll("\\s", ""))
                .isEqualTo("{\"greeting\":\"hello\",\"data\":[[1,2]]}");
    }

    // ---- the studio's commands --------------------------------------------------------------

    private int packageCommand(String... args) {
        StringWriter text = new StringWriter();
        List<String> all = new ArrayList<>(List.of("package"));
        all.addAll(List.of(args));
        int code = Cli.run(services, new PrintWriter(text), new PrintWriter(text), all.toArray(String[]::new));
        out = text.toString();
        return code;
    }

    private Path build(String name, String... args) {
        Path archive = work.resolve(name + ".tar.gz");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", archive.toString()));
        assertThat(packageCommand(all.toArray(String[]::new))).as(out).isZero();
        return archive;
    }

    private String inspect(Path archive, String framework, String... more) {
        List<String> args = new ArrayList<>(List.of("--inspect", archive.toString(), "--framework", framework));
        args.addAll(List.of(more));
        assertThat(packageCommand(args.toArray(String[]::new))).as(out).isZero();
        return out;
    }

    /** The container environment {@code spec new} writes for this archive. */
    private static Map<String, String> environment(Path archive, String framework, String version, String... more)
            throws IOException {
        Path spec = Files.createTempFile(work, "spec", ".json");
        List<String> args = new ArrayList<>(List.of("spec", "new", "--framework", framework, "--framework-version", version,
                "--model-data", archive.toString(), "--role", ROLE, "--instance-type", "ml.m5.large", "--name", "layout",
                "-o", spec.toString()));
        args.addAll(List.of(more));
        StringWriter text = new StringWriter();
        assertThat(Cli.run(services, new PrintWriter(text), new PrintWriter(text), args.toArray(String[]::new)))
                .as(text.toString()).isZero();
        return SpecFiles.read(spec).models().get(0).containers().get(0).environment();
    }

    private static Map<String, String> with(Map<String, String> environment, String key, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(environment);
        all.put(key, value);
        return all;
    }

    // ---- Local hosting and boto3 ------------------------------------------------------------

    private static ObjectNode request(String name, String body, String customAttributes) {
        ObjectNode request = JSON.createObjectNode().put("contentType", "application/json")
                .put("accept", "application/json").put("body", body);
        if (customAttributes != null) {
            request.put("customAttributes", customAttributes);
        }
        ObjectNode testCase = JSON.createObjectNode().put("name", name);
        testCase.set("request", request);
        return testCase;
    }

    /** Serves the archive, calls it with each request through boto3, and removes the endpoint. */
    private static JsonNode serve(String name, Path archive, String framework, String version,
                                  Map<String, String> environment, ObjectNode... requests) throws Exception {
        LocalEndpointStatus status = host.create(name, archive, framework, version, environment, null, line -> { });
        try {
            assertThat(status.status()).as(status.failureReason() + "\n" + String.join("\n", host.logTail(name, 40)))
                    .isEqualTo("InService");
            ArrayNode cases = JSON.createArrayNode().addAll(List.of(requests));
            Path casesFile = Files.writeString(work.resolve(name + "-cases.json"), JSON.writeValueAsString(cases));
            Path results = work.resolve(name + "-results.json");
            run(List.of(TestPython.systemPython(), conformanceClient().toString(), server.url(), name, casesFile.toString(),
                    results.toString()), "call " + name + " with boto3");
            return JSON.readTree(results.toFile());
        } finally {
            host.delete(name);
        }
    }

    private static Path conformanceClient() throws URISyntaxException {
        return Path.of(PackagedLayoutsTest.class.getResource("/conformance/client.py").toURI());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PackagedLayoutsTest.class.getResource("/layouts/" + name).toURI());
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("Could not " + what + ":\n" + output);
        }
    }
}
