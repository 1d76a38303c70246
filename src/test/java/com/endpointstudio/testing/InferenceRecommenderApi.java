package com.endpointstudio.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's Inference Recommender, which moto does not implement, answered in front of it through a
 * {@link RecordingProxy} as the API reference shapes it: CreateInferenceRecommendationsJob,
 * DescribeInferenceRecommendationsJob (IN_PROGRESS for as many describes as asked, then COMPLETED
 * with two recommendations, or STOPPED once stopped) and StopInferenceRecommendationsJob. Every
 * other call (DescribeModel…) goes on to moto.
 */
public final class InferenceRecommenderApi {

    /** ml.m5.xlarge: 2 instances, 24,000 invocations a minute at 40 ms; ml.c5.large: 1, 6,000 at 150 ms. */
    private static final String RECOMMENDATIONS = """
            [{"RecommendationId": "a", "Metrics": {"CostPerHour": 0.46, "CostPerInference": 0.0000016,
               "MaxInvocations": 24000, "ModelLatency": 40}, "EndpointConfiguration": {"EndpointName": "e1",
               "VariantName": "v", "InstanceType": "ml.m5.xlarge", "InitialInstanceCount": 2}, "ModelConfiguration": {}},
             {"RecommendationId": "b", "Metrics": {"CostPerHour": 0.10, "CostPerInference": 0.0000009,
               "MaxInvocations": 6000, "ModelLatency": 150}, "EndpointConfiguration": {"EndpointName": "e2",
               "VariantName": "v", "InstanceType": "ml.c5.large", "InitialInstanceCount": 1}, "ModelConfiguration": {}}]
            """;

    private final int inProgressDescribes;
    private int describes;
    private boolean stopped;

    /** @param inProgressDescribes how many describes show the job IN_PROGRESS before it completes */
    public InferenceRecommenderApi(int inProgressDescribes) {
        this.inProgressDescribes = inProgressDescribes;
    }

    /** The answerer to give {@link RecordingProxy#answering}. */
    public synchronized Optional<RecordingProxy.Answer> answer(RecordingProxy.Recorded request) {
        String operation = request.jsonOperation();
        if (operation == null) {
            return Optional.empty();
        }
        String body = new String(request.body(), StandardCharsets.UTF_8);
        String name = body.replaceAll("(?s).*\"JobName\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String arn = "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/" + name;
        return switch (operation) {
            case "CreateInferenceRecommendationsJob" -> json("{\"JobArn\": \"" + arn + "\"}");
            case "StopInferenceRecommendationsJob" -> {
                stopped = true;
                yield json("{}");
            }
            case "DescribeInferenceRecommendationsJob" -> {
                String status = stopped ? "STOPPED" : ++describes > inProgressDescribes ? "COMPLETED" : "IN_PROGRESS";
                yield json("{\"JobName\": \"" + name + "\", \"JobType\": \"Advanced\", \"JobArn\": \"" + arn
                        + "\", \"RoleArn\": \"arn:aws:iam::123456789012:role/R\", \"Status\": \"" + status
                        + "\", \"CreationTime\": 1.7645e9, \"LastModifiedTime\": 1.7645e9, \"InputConfig\": {}"
                        + (status.equals("COMPLETED") ? ", \"InferenceRecommendations\": " + RECOMMENDATIONS : "")
                        + "}");
            }
            default -> Optional.empty();
        };
    }

    private static Optional<RecordingProxy.Answer> json(String body) {
        return Optional.of(new RecordingProxy.Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1"),
                body.getBytes(StandardCharsets.UTF_8)));
    }
}
