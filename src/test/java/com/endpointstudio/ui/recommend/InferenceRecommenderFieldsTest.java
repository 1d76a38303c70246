package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dialog's Inference Recommender fields at the API's limits (EndpointInputConfigurations, RecommendationJobName). */
class InferenceRecommenderFieldsTest {

    private static final Recommender.Goal GOAL = new Recommender.Goal(50, 200);
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution";

    private static List<String> types(int count) {
        return IntStream.range(0, count).mapToObj(i -> "ml.m5." + (i == 0 ? "" : i) + "xlarge").toList();
    }

    @Test
    void tenInstanceTypesMakeAJobAndAnEleventhIsRefusedAtItsField() {
        List<FieldError> problems = new ArrayList<>();
        assertThat(InferenceRecommenderFields.plan(RecommendMethod.ADVANCED_JOB, types(10), "churn", ROLE, GOAL,
                problems)).isNotNull();
        assertThat(problems).isEmpty();

        assertThat(InferenceRecommenderFields.plan(RecommendMethod.ADVANCED_JOB, types(11), "churn", ROLE, GOAL,
                problems)).isNull();
        assertThat(problems).containsExactly(new FieldError("Instance types", "a job tests at most 10 types"));
    }

    @Test
    void theJobsNameFitsTheApiForTheLongestModelName() {
        String longest = "m".repeat(63);
        String name = InferenceRecommenderFields.plan(RecommendMethod.DEFAULT_JOB, List.of(), longest, ROLE, GOAL,
                new ArrayList<>()).jobName();
        assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}").startsWith("studio-m");
        assertThat(InferenceRecommenderJob.jobName("churn")).isNotEqualTo(InferenceRecommenderJob.jobName("churn"));
    }
}
