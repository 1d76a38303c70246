package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recommend --local}: the workers × concurrency sweep on this computer, with real model
 * server processes. The model waits 40 ms a request in each worker, so one worker sustains about
 * 25 requests/s and two about 50: the knee is the larger count, and nothing is left running.
 */
@ExtendWith(MotoExtension.class)
class RecommendLocalTest {

    private static final String SCRIPT = """
            import json, time

            def model_fn(model_dir):
                return None

            def predict_fn(data, model):
                time.sleep(0.04)
                return [1]
            """;

    @TempDir
    Path dir;

    private StudioServices services;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(MotoServer moto) {
        services = moto.services(dir);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void theSweepFindsTheWorkerCountThatSustainsTheMost() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/code"));
        Files.writeString(model.resolve("inference.py"), SCRIPT);
        Path spec = dir.resolve("slow.json");
        SpecFiles.write(spec, SpecDefaults.realTime("slow").modelData(model.getParent().toString())
                .instanceType("ml.m5.large").build());

        int code = run("recommend", spec.toString(), "--local", "--workers", "1,2", "--target-rps", "100", "--p99",
                "400ms", "--step-duration", "2s", "--warmup", "500ms", "--max-concurrency", "8", "--body", "[1]",
                "--format", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("workersSweep").asBoolean()).isTrue();
        double one = result.get("rows").get(0).get("maxRpsPerInstance").asDouble();
        double two = result.get("rows").get(1).get("maxRpsPerInstance").asDouble();
        assertThat(one).isBetween(15.0, 27.0);
        assertThat(two).as("two workers serve twice as many").isGreaterThan(one * 1.6);
        assertThat(result.get("recommended").get("instanceType").asText()).isEqualTo("2 workers");
        assertThat(err.toString()).contains("2 workers: deleted");

        assertThat(run("endpoints", "list", "--local")).isZero();
        assertThat(out.toString()).doesNotContain("rec-");
    }

    @Test
    void workersAreForLocalOnly() {
        Path spec = dir.resolve("any.json");
        SpecFiles.write(spec, SpecDefaults.realTime("any").modelData("s3://bucket/model.tar.gz")
                .instanceType("ml.m5.large").build());
        assertThat(run("recommend", spec.toString(), "--workers", "1,2", "--target-rps", "10", "--p99", "1s",
                "--body", "[1]", "--region", "us-east-1")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--workers").contains("--local");
    }
}
