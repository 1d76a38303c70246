package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite: each folder under src/test/resources/conformance is a model as a user
 * would package it for one framework container (fixture.json: framework, version, environment,
 * the cases; model/: the archive's files; build.py: writes the weights), served by Local hosting
 * and called through the runtime API with boto3. Every case names the container source whose
 * rule it reproduces; a fixture with "failed" expects the endpoint to be refused at start, as the
 * container would fail SageMaker's health check.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everything the fixtures' models import; installed once into the test environment. */
    private static final List<String> MODULES = List.of("numpy", "sklearn", "joblib", "torch", "tensorflow",
            "transformers", "requests");
    private static final List<String> PACKAGES = List.of("numpy", "scikit-learn", "joblib", "torch", "tensorflow-cpu",
            "transformers", "requests");

    @TempDir
    static Path work;

    private static String python;
    private static LocalHost host;
    private static LocalRuntimeServer server;

    @BeforeAll
    static void start() throws IOException {
        python = TestPython.withModules(MODULES, PACKAGES);
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
    }

    @TestFactory
    Stream<DynamicNode> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(folder -> Files.exists(folder.resolve("fixture.json"))).sorted()
                    .map(ConformanceTest::fixture).toList().stream();
        }
    }

    private static DynamicNode fixture(Path folder) {
        JsonNode fixture = read(folder.resolve("fixture.json"));
        String name = folder.getFileName().toString();
        Supplier<Outcome> outcome = memoized(() -> serve(name, folder, fixture));
        List<DynamicNode> tests = new ArrayList<>();
        if (fixture.has("failed")) {
            tests.add(DynamicTest.dynamicTest("refused at start: " + fixture.path("source").asText(), () -> {
                LocalEndpointStatus status = outcome.get().status();
                assertThat(status.status()).as(status.failureReason()).isEqualTo("Failed");
                for (JsonNode part : fixture.path("failed")) {
                    assertThat(status.failureReason()).contains(part.asText());
                }
            }));
        } else {
            tests.add(DynamicTest.dynamicTest("starts InService", () -> {
                LocalEndpointStatus status = outcome.get().status();
                assertThat(status.status()).as(status.failureReason() + "\n" + String.join("\n",
                        outcome.get().log())).isEqualTo("InService");
            }));
            for (JsonNode testCase : fixture.path("cases")) {
                tests.add(DynamicTest.dynamicTest(testCase.path("name").asText() + " — " + testCase.path("source").asText(),
                        () -> check(testCase, outcome.get())));
            }
        }
        return DynamicContainer.dynamicContainer(name + ": " + fixture.path("about").asText(), tests.stream());
    }

    record Outcome(LocalEndpointStatus status, JsonNode results, Path built, List<String> log) {
    }

    private static Outcome serve(String name, Path folder, JsonNode fixture) {
        try {
            Path fixtureWork = Files.createDirectories(work.resolve("fixtures").resolve(name));
            Path model = fixtureWork.resolve("model");
            copy(folder.resolve("model"), model);
            if (Files.exists(folder.resolve("build.py"))) {
                run(List.of(python, folder.resolve("build.py").toString(), model.toString(), fixtureWork.toString()),
                        "build the model of " + name);
            }
            Map<String, String> environment = new LinkedHashMap<>();
            fixture.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
            String framework = fixture.path("framework").asText("custom");
            LocalEndpointStatus status = host.create(name, model, framework,
                    fixture.path("version").isMissingNode() ? null : fixture.path("version").asText(), environment, null,
                    line -> { });
            JsonNode results = JSON.createObjectNode();
            if ("InService".equals(status.status()) && fixture.has("cases")) {
                Path cases = Files.writeString(fixtureWork.resolve("cases.json"), JSON.writeValueAsString(fixture.path("cases")));
                Path output = fixtureWork.resolve("results.json");
                Path client = Path.of(ConformanceTest.class.getResource("/conformance/client.py").toURI());
                run(List.of(TestPython.systemPython(), client.toString(), server.url(), name, cases.toString(),
                        output.toString()), "call " + name + " with boto3");
                results = read(output);
            }
            List<String> log = host.logTail(name, 60);
            host.delete(name);
            return new Outcome(status, results, fixtureWork, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(JsonNode testCase, Outcome outcome) throws IOException {
        String name = testCase.path("name").asText();
        JsonNode result = outcome.results().path(name);
        JsonNode expect = testCase.path("expect");
        assertThat(result.isMissingNode()).as("no result for " + name + "; endpoint log:\n"
                + String.join("\n", outcome.log())).isFalse();
        String description = name + " answered " + result.toPrettyString();
        assertThat(result.path("status").asInt()).as(description).isEqualTo(expect.path("status").asInt(200));
        assertThat(result.path("error").asText(null)).as(description).isEqualTo(expect.path("error").asText(null));
        if (expect.has("body")) {
            assertThat(result.path("body").asText()).as(description).isEqualTo(expect.path("body").asText());
        }
        for (JsonNode part : expect.path("bodyContains")) {
            assertThat(result.path("body").asText()).as(description).contains(part.asText());
        }
        if (expect.has("contentType")) {
            assertThat(result.path("contentType").asText()).as(description).isEqualTo(expect.path("contentType").asText());
        }
        if (expect.has("why")) {
            assertThat(result.path("why").asText("")).as(description).contains(expect.path("why").asText());
        }
        if (expect.has("bodyClose")) {
            JsonNode expected = read(outcome.built().resolve(expect.path("bodyClose").asText()));
            assertClose(JSON.readTree(result.path("body").asText()), expected, description);
        }
    }

    private static void assertClose(JsonNode actual, JsonNode expected, String description) {
        if (expected.isNumber()) {
            assertThat(actual.asDouble()).as(description).isCloseTo(expected.asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
            return;
        }
        assertThat(actual.size()).as(description).isEqualTo(expected.size());
        Iterator<JsonNode> a = actual.elements();
        Iterator<JsonNode> e = expected.elements();
        while (e.hasNext()) {
            assertClose(a.next(), e.next(), description);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("Could not " + what + ":\n" + output);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
