package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `invoke` and `loadtest` against moto server and against a Local endpoint of the running services. */
@ExtendWith(MotoExtension.class)
class InvokeCommandTest {

    @TempDir
    Path dir;

    private MotoServer moto;
    private StudioServices services;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(MotoServer server) {
        moto = server;
        moto.reset();
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

    private String[] aws(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 6);
        System.arraycopy(new String[] {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url",
            moto.endpointUrl()}, 0, all, args.length, 6);
        return all;
    }

    @Test
    void invokePrintsTheBodyAndTheStatusLine() throws Exception {
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json",
                  "InvokedProductionVariant": "AllTraffic", "CustomAttributes": ""}]}""");
        Path body = Files.writeString(dir.resolve("request.json"), "[[3, 80, 12]]");

        assertThat(run(aws("invoke", "houses", "--content-type", "application/json", "--body", "@" + body)))
                .as(err.toString()).isZero();

        assertThat(out.toString()).isEqualTo("{\"predictions\": [235.9]}");
        assertThat(err.toString()).startsWith("200 application/json from variant AllTraffic in ");
    }

    @Test
    void badInputIsRefusedWithTheOptionNamed() {
        assertThat(run(aws("invoke", "bad name!", "--body", "x"))).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("Endpoint");
        assertThat(run(aws("invoke", "houses", "--body", "@" + dir.resolve("missing.json")))).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--body").contains("is not a file");
    }

    @Test
    void aLoadTestReportsItsFiguresAndAsksBeforeManyPaidRequests() {
        assertThat(run(aws("loadtest", "houses", "--concurrency", "2", "--requests", "40", "--body", "[1]")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("houses: 40 requests in").contains("throughput").contains("p99");

        assertThat(run(aws("loadtest", "houses", "--concurrency", "2", "--requests", "5000", "--body", "[1]")))
                .isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("This sends 5,000 requests to the AWS endpoint houses")
                .contains("add --yes");

        assertThat(run(aws("loadtest", "houses", "--concurrency", "2", "--requests", "20", "--body", "[1]",
                "--format", "csv"))).isZero();
        assertThat(out.toString()).startsWith("elapsed_s,throughput_rps").contains("total ");

        assertThat(run(aws("loadtest", "houses", "--concurrency", "2", "--requests", "20", "--body", "[1]",
                "--format", "jsonl"))).isZero();
        java.util.List<String> lines = out.toString().lines().toList();
        assertThat(lines).allMatch(line -> line.startsWith("{\"second\":") || line.startsWith("{\"report\":"));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"report\":{\"endpointName\":\"houses\"")
                .contains("\"completed\":20");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void localEndpointsAreCalledThroughTheRunningRuntime() throws Exception {
        assertThat(run("invoke", "houses", "--local", "--body", "[[3, 80, 12]]")).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("No local runtime is running on this computer");

        Path archive = dir.resolve("sample.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), archive, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        services.localHost().create("houses", archive, "custom", line -> { });
        services.localRuntime();

        assertThat(run("invoke", "houses", "--local", "--body", "[[3, 80, 12]]")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("235.9");
        assertThat(run("loadtest", "houses", "--local", "--concurrency", "4", "--requests", "400", "--body",
                "[[3, 80, 12]]")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("houses: 400 requests");
        // the request options reach the runtime: a variant the endpoint doesn't have is refused on each call
        assertThat(run("loadtest", "houses", "--local", "--requests", "3", "--body", "[[3, 80, 12]]",
                "--target-variant", "NoSuchVariant")).isEqualTo(Cli.FAILED);
        assertThat(out.toString()).contains("houses: 3 requests").contains("(3 failed)");
        assertThat(run("invoke", "houses", "--local", "--body", "[[3, 80, 12]]", "--target-variant", "NoSuchVariant"))
                .isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("NoSuchVariant");

        var bare = SampleModel.tree();
        bare.putText("code/inference.py", "def model_fn(model_dir):\n    return None\n");
        Path bareArchive = dir.resolve("bare.tar.gz");
        new ModelPackager().build(bare.toPlan(), Set.of(), bareArchive, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());
        services.localHost().create("bare", bareArchive, "custom", line -> { });
        assertThat(run("invoke", "bare", "--local", "--body", "[[3, 80, 12]]")).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("error: ModelError (500)")
                .contains("  why: The SageMaker inference toolkit has no default predict_fn");
    }
}
