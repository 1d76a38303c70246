package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.Recommender;
import java.util.List;

/** The rules of the dialog's AWS Inference Recommender fields, named as the dialog labels them. */
final class InferenceRecommenderFields {

    static final String ESTIMATE = "SageMaker runs the job on instances in this account, charged as endpoints are; "
            + "a Default job takes about an hour, an Advanced one longer. Cancelling stops it.";

    private InferenceRecommenderFields() {
    }

    /** Adds the problems of the Model, role and types; the job when there are none (the goal read already). */
    static InferenceRecommenderJob plan(RecommendMethod method, List<String> types, String modelName, String roleArn,
                                        Recommender.Goal goal, List<FieldError> problems) {
        if (types.size() > InferenceRecommenderJob.MAX_TYPES) {
            problems.add(new FieldError("Instance types", "a job tests at most " + InferenceRecommenderJob.MAX_TYPES
                    + " types"));
        } else if (types.isEmpty() && method.jobType() == InferenceRecommenderJob.JobType.ADVANCED) {
            problems.add(new FieldError("Instance types", "an Advanced job tests the types named here: name one"));
        }
        if (modelName.isBlank()) {
            problems.add(new FieldError("Model name", "name the Model to test (it must exist on this connection)"));
        }
        if (roleArn.isBlank()) {
            problems.add(new FieldError("Execution role", "the IAM role ARN the job runs as"));
        }
        return !problems.isEmpty() || goal == null ? null : InferenceRecommenderJob.of(method.jobType(),
                modelName.strip(), roleArn.strip(), types, goal);
    }
}
