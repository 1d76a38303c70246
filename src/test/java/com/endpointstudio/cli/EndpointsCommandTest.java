package com.endpointstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

@ExtendWith(MotoExtension.class)
class EndpointsCommandTest {

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
        Tag managed = Tag.builder().key(StudioTags.MANAGED_KEY).value(StudioTags.MANAGED_VALUE).build();
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("houses-model").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                            .modelDataUrl("s3://b/model.tar.gz")).tags(managed));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("houses-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("houses-model").instanceType("ml.m5.large")
                    .initialInstanceCount(2)).tags(managed));
            sagemaker.createEndpoint(b -> b.endpointName("houses").endpointConfigName("houses-config").tags(managed));
        }
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
    void listDescribeAndDeleteWithCascade() {
        assertThat(run("endpoints", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("houses").contains("InService").contains("ml.m5.large × 2")
                .contains("$0.2300").contains("1 endpoint; running cost $0.2300 an hour, $5.52 a day");

        assertThat(run("endpoints", "describe", "houses")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("config     houses-config").contains("variant    AllTraffic: ml.m5.large × 2")
                .contains("model      houses-model: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                .contains("tag        endpoint-studio:managed=true");

        assertThat(run("endpoints", "delete", "houses", "--cascade")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deleted  Endpoint houses").contains("deleted  EndpointConfig houses-config")
                .contains("deleted  Model houses-model");
        assertThat(run("endpoints", "describe", "houses")).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("There is no endpoint houses.");
    }
}
