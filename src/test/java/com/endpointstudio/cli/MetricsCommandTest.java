package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

@ExtendWith(MotoExtension.class)
class MetricsCommandTest {

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
        String[] all = java.util.Arrays.copyOf(args, args.length + 6);
        System.arraycopy(new String[] {"--profile", MotoServer.PROFILE, "--region", MotoServer.REGION, "--endpoint-url",
            moto.endpointUrl()}, 0, all, args.length, 6);
        return Cli.run(services, new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void theTableAndTheCsvShowLatencyInMillisecondsAndCounts() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        try (var session = services.sessions().open(moto.connection());
             CloudWatchClient cloudWatch = session.client(CloudWatchClient.builder())) {
            for (var metric : new Object[][] {{"ModelLatency", 12_000.0}, {"ModelLatency", 14_000.0},
                {"Invocations", 1.0}, {"Invocations", 1.0}}) {
                cloudWatch.putMetricData(b -> b.namespace("AWS/SageMaker").metricData(MetricDatum.builder()
                        .metricName((String) metric[0]).value((Double) metric[1]).timestamp(minute.plusSeconds(3))
                        .dimensions(Dimension.builder().name("EndpointName").value("houses").build(),
                                Dimension.builder().name("VariantName").value("AllTraffic").build()).build()));
            }
        }

        assertThat(run("metrics", "houses", "--variant", "AllTraffic", "--since", "1h")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ModelLatency Average ms").contains("13.00").contains("period 60 s");
        String[] row = out.toString().lines().filter(l -> l.contains("13.00")).findFirst().orElseThrow().trim().split("\\s+");
        assertThat(row).contains("2");

        assertThat(run("metrics", "houses", "--variant", "AllTraffic", "--since", "1h", "--format", "csv")).isZero();
        assertThat(out.toString()).startsWith("time,ModelLatency Average [ms],OverheadLatency Average [ms],Invocations")
                .contains(",13.0000,");

        assertThat(run("metrics", "houses", "--variant", "AllTraffic", "--stat", "p1000")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("--stat");
        assertThat(run("metrics", "quiet", "--variant", "AllTraffic", "--since", "15m")).isZero();
        assertThat(out.toString()).contains("No datapoints for quiet");
    }
}
