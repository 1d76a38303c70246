package com.endpointstudio.core.recommend;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.task.CancelToken;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of AWS's Inference Recommender, as the CLI and the Recommend dialog both start it: an
 * existing Model (by default the spec's first variant's), the role the job runs as (by default
 * that Model's), the instance types and the goal. The job's name comes from the Model's.
 *
 * @param instanceTypes the types to test (up to {@link #MAX_TYPES}), or none to let SageMaker choose (Default jobs)
 */
public record InferenceRecommenderJob(String jobName, JobType jobType, String modelName, String roleArn,
                                      List<String> instanceTypes, Recommender.Goal goal) {

    /**
     * The API's EndpointConfigurations takes at most ten (botocore sagemaker/2017-07-24/service-2.json,
     * shape EndpointInputConfigurations: "max": 10).
     */
    public static final int MAX_TYPES = 10;

    /** Default: SageMaker's own load test of the types; Advanced: a stepped traffic pattern stopping at the p99 limit. */
    public enum JobType {
        DEFAULT("Default"), ADVANCED("Advanced");

        private final String apiName;

        JobType(String apiName) {
            this.apiName = apiName;
        }

        /** The JobType member's value. */
        public String apiName() {
            return apiName;
        }
    }

    public InferenceRecommenderJob {
        instanceTypes = List.copyOf(instanceTypes);
    }

    public static InferenceRecommenderJob of(JobType jobType, String modelName, String roleArn,
                                             List<String> instanceTypes, Recommender.Goal goal) {
        return new InferenceRecommenderJob(jobName(modelName), jobType, modelName, roleArn, instanceTypes, goal);
    }

    /**
     * "studio-", the Model's name cut to fit, and 8 characters of a new id: a new name each run
     * (a job's name can't be reused) within the API's 64 characters (service-2.json, shape
     * RecommendationJobName: max 64, pattern {@code [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}}, which Model
     * names follow too).
     */
    public static String jobName(String modelName) {
        return ("studio-" + modelName).replaceAll("(.{1,50}).*", "$1") + "-"
                + StudioTags.newDeploymentId().substring(0, 8);
    }

    /** The Model of the spec's first variant (the spec's first Model when its variants name none). */
    public static DeploymentSpec.ModelSpec defaultModel(DeploymentSpec spec) {
        String first = spec.endpointConfig().variants().isEmpty() ? null
                : spec.endpointConfig().variants().get(0).modelName();
        return spec.models().stream().filter(m -> m.name().equals(first)).findFirst()
                .orElse(spec.models().get(0));
    }

    /**
     * Checks that the Model exists on the host, then runs the job; a missing Model is a problem of
     * {@code modelField}, as the caller labels it.
     */
    public Recommendation run(Hosting hosting, String modelField, Consumer<String> progress, CancelToken cancel) {
        if (hosting.recommendations() == null) {
            throw new StudioException("AWS's Inference Recommender runs on AWS only, not on this computer");
        }
        if (!hosting.control().modelExists(modelName)) {
            throw new ValidationException(modelField, "the Model " + modelName + " doesn't exist on this connection: "
                    + "deploy the spec first, or name an existing Model");
        }
        return hosting.recommendations().run(this, progress, cancel);
    }
}
