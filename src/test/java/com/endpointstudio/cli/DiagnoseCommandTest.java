package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * `endpoints diagnose` on log streams seeded in moto's CloudWatch Logs, as the framework containers
 * write them when an endpoint fails: each known failure gets its cause and fix.
 */
@ExtendWith(MotoExtension.class)
class DiagnoseCommandTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private MotoServer moto;

    @BeforeEach
    void start(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        services = moto.services(dir);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(List.of("2026-11-30 10:00:01 [INFO ] main org.pytorch.serve.ModelServer - Loading model",
                        "Traceback (most recent call last):",
                        "  File \"/opt/ml/model/code/inference.py\", line 3, in <module>",
                        "    import transformers",
                        "ModuleNotFoundError: No module named 'transformers'"),
                        "Cause: The handler imports the Python module 'transformers', which the image does not have.",
                        "Add the package that provides 'transformers' to code/requirements.txt"),
                Arguments.of(List.of("Loading model from /opt/ml/model", "torch.cuda.OutOfMemoryError: CUDA out of memory. "
                        + "Tried to allocate 2.00 GiB"), "Cause: The model ran out of memory.",
                        "Choose an instance type with more memory"),
                Arguments.of(List.of("RuntimeError: Found no NVIDIA driver on your system."),
                        "Cause: The image expects a GPU (or a newer CUDA driver) that the instance does not have.",
                        "Use the CPU image on a CPU instance"),
                Arguments.of(List.of("FileNotFoundError: [Errno 2] No such file or directory: '/opt/ml/model/model.pth'"),
                        "Cause: The handler looks for /opt/ml/model/model.pth, which the archive does not hold.",
                        "endpoint-studio package --inspect"),
                Arguments.of(List.of("E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:362] "
                        + "No versions of servable half_plus_three found under base path /opt/ml/model/half_plus_three"),
                        "Cause: TensorFlow Serving found no SavedModel version for half_plus_three.",
                        "<name>/1/saved_model.pb"),
                Arguments.of(List.of("OSError: [Errno 98] Address already in use"),
                        "Cause: Something in the container listens on the port the model server needs.", "port 8080"),
                Arguments.of(List.of("Traceback (most recent call last):", "  File \"/opt/ml/model/code/inference.py\", "
                        + "line 9, in model_fn", "    return load(path)", "ValueError: unsupported pickle protocol: 5"),
                        "Cause: The handler raised ValueError: unsupported pickle protocol: 5",
                        "Fix the code the traceback points at"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachKnownFailureGetsItsCauseAndFix(List<String> log, String cause, String fix) throws Exception {
        String name = "broken";
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder());
             CloudWatchLogsClient logs = session.client(CloudWatchLogsClient.builder())) {
            sagemaker.createModel(r -> r.modelName(name + "-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1")));
            sagemaker.createEndpointConfig(r -> r.endpointConfigName(name + "-config").productionVariants(v ->
                    v.variantName("AllTraffic").modelName(name + "-model").instanceType("ml.m5.large").initialInstanceCount(1)));
            sagemaker.createEndpoint(r -> r.endpointName(name).endpointConfigName(name + "-config"));
            String group = "/aws/sagemaker/Endpoints/" + name;
            logs.createLogGroup(r -> r.logGroupName(group));
            logs.createLogStream(r -> r.logGroupName(group).logStreamName("AllTraffic/i-0123456789abcdef0"));
            long now = System.currentTimeMillis();
            List<InputLogEvent> events = new java.util.ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                events.add(InputLogEvent.builder().timestamp(now + i).message(log.get(i)).build());
            }
            logs.putLogEvents(r -> r.logGroupName(group).logStreamName("AllTraffic/i-0123456789abcdef0").logEvents(events));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(services, new PrintWriter(out), new PrintWriter(err), "endpoints", "diagnose", name,
                "--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url", moto.endpointUrl());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains(cause).contains(fix).contains("Seen in the log:");
    }
}
