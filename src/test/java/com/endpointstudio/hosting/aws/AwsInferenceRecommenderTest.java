package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * moto has no Inference Recommender, so a recording server plays SageMaker for it: it keeps the SDK's
 * requests and answers as the API reference shapes them (a job in progress, then completed with two
 * recommendations). The requests are checked member by member; the answer becomes the studio's table.
 */
class AwsInferenceRecommenderTest {

    private static final String COMPLETED = """
            {"JobName": "%s", "JobType": "Advanced", "JobArn": "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/%s",
             "RoleArn": "arn:aws:iam::123456789012:role/SageMakerExecution", "Status": "COMPLETED",
             "CreationTime": 1.7645e9, "LastModifiedTime": 1.7645e9, "InputConfig": {"ModelName": "churn-model"},
             "InferenceRecommendations": [
               {"RecommendationId": "a", "Metrics": {"CostPerHour": 0.46, "CostPerInference": 0.0000016, "MaxInvocations": 24000,
                 "ModelLatency": 40}, "EndpointConfiguration": {"EndpointName": "e1", "VariantName": "v", "InstanceType": "ml.m5.xlarge",
                 "InitialInstanceCount": 2}, "ModelConfiguration": {}},
               {"RecommendationId": "b", "Metrics": {"CostPerHour": 0.10, "CostPerInference": 0.0000009, "MaxInvocations": 6000,
                 "ModelLatency": 150}, "EndpointConfiguration": {"EndpointName": "e2", "VariantName": "v", "InstanceType": "ml.c5.large",
                 "InitialInstanceCount": 1}, "ModelConfiguration": {}}]}
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicInteger describes = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes());
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_operation", target);
            synchronized (requests) {
                requests.add(body);
            }
            String answer = switch (target) {
                case "SageMaker.CreateInferenceRecommendationsJob" -> "{\"JobArn\": \"arn:aws:sagemaker:us-east-1:"
                        + "123456789012:inference-recommendations-job/" + body.get("JobName").asText() + "\"}";
                case "SageMaker.DescribeInferenceRecommendationsJob" -> describes.incrementAndGet() == 1
                        ? COMPLETED.replace("\"COMPLETED\"", "\"IN_PROGRESS\"").replace("%s", body.get("JobName").asText())
                        : COMPLETED.replace("%s", body.get("JobName").asText());
                default -> "{}";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAdvancedJobIsAskedForWithTheGoalAndItsRecommendationsFillTheTable() {
        Connection connection = new Connection("fake", "Fake", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION,
                "http://127.0.0.1:" + server.getAddress().getPort());
        List<String> progress = new ArrayList<>();
        Recommendation result;
        try (AwsSession session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(connection)) {
            result = new AwsInferenceRecommender(session).run("studio-churn-1", true,
                    "arn:aws:iam::123456789012:role/SageMakerExecution", "churn-model",
                    List.of("ml.c5.large", "ml.m5.xlarge"), new Recommender.Goal(300, 100), Duration.ofMillis(10),
                    progress::add, CancelToken.none());
        }

        JsonNode create = requests.get(0);
        assertThat(create.get("_operation").asText()).isEqualTo("SageMaker.CreateInferenceRecommendationsJob");
        assertThat(create.get("JobName").asText()).isEqualTo("studio-churn-1");
        assertThat(create.get("JobType").asText()).isEqualTo("Advanced");
        assertThat(create.get("RoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/SageMakerExecution");
        JsonNode input = create.get("InputConfig");
        assertThat(input.get("ModelName").asText()).isEqualTo("churn-model");
        assertThat(input.get("EndpointConfigurations")).extracting(c -> c.get("InstanceType").asText())
                .containsExactly("ml.c5.large", "ml.m5.xlarge");
        assertThat(input.get("TrafficPattern").get("TrafficType").asText()).isEqualTo("PHASES");
        assertThat(input.get("ResourceLimit").get("MaxParallelOfTests").asInt()).isEqualTo(2);
        assertThat(create.get("StoppingConditions").get("ModelLatencyThresholds").get(0).get("Percentile").asText())
                .isEqualTo("P99");
        assertThat(create.get("StoppingConditions").get("ModelLatencyThresholds").get(0).get("ValueInMilliseconds")
                .asInt()).isEqualTo(100);
        assertThat(requests).hasSize(3);
        assertThat(progress).containsExactly("Started the Inference Recommender job studio-churn-1",
                "studio-churn-1 is IN_PROGRESS", "studio-churn-1 is COMPLETED");

        Recommendation.Row large = result.rows().get(0);
        assertThat(large.instanceType()).isEqualTo("ml.m5.xlarge");
        assertThat(large.maxRpsPerInstance()).isEqualTo(200.0);  // 24,000 a minute on 2 instances
        assertThat(large.instances()).isEqualTo(2);
        assertThat(large.hourlyUsd()).isCloseTo(0.46, org.assertj.core.data.Offset.offset(1e-6)); // a 32-bit Float on the wire
        assertThat(large.perMillionUsd()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-6));
        // the cheaper type is over the p99 limit: the recommendation is the one within it
        assertThat(result.rows().get(1).p99Ms()).isEqualTo(150.0);
        assertThat(result.recommended().instanceType()).isEqualTo("ml.m5.xlarge");
    }

    @Test
    void aDefaultJobAsksForTheTypesAloneWithoutATrafficPatternOrStoppingConditions() {
        Connection connection = new Connection("fake", "Fake", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION,
                "http://127.0.0.1:" + server.getAddress().getPort());
        Recommendation result;
        try (AwsSession session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(connection)) {
            result = new AwsInferenceRecommender(session).run("studio-churn-2", false,
                    "arn:aws:iam::123456789012:role/SageMakerExecution", "churn-model", List.of("ml.c5.large"),
                    new Recommender.Goal(300, 100), Duration.ofMillis(10), message -> { }, CancelToken.none());
        }

        JsonNode create = requests.get(0);
        assertThat(create.get("JobType").asText()).isEqualTo("Default");
        assertThat(create.get("InputConfig").get("EndpointConfigurations")).extracting(c -> c.get("InstanceType")
                .asText()).containsExactly("ml.c5.large");
        // Default jobs take neither (the API reference: TrafficPattern, ResourceLimit and StoppingConditions
        // are for Advanced jobs)
        assertThat(create.get("InputConfig").has("TrafficPattern")).isFalse();
        assertThat(create.get("InputConfig").has("ResourceLimit")).isFalse();
        assertThat(create.has("StoppingConditions")).isFalse();
        assertThat(result.rows()).extracting(Recommendation.Row::instanceType).contains("ml.m5.xlarge", "ml.c5.large");
    }
}
