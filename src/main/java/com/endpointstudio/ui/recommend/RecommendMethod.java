package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.recommend.InferenceRecommenderJob.JobType;

/** Who measures the candidates: the studio's own load test, or AWS's Inference Recommender (on AWS only). */
public enum RecommendMethod {
    LOAD_TEST("The studio's load test (temporary endpoints)", null),
    DEFAULT_JOB("AWS Inference Recommender: Default job", JobType.DEFAULT),
    ADVANCED_JOB("AWS Inference Recommender: Advanced job", JobType.ADVANCED);

    private final String label;
    private final JobType jobType;

    RecommendMethod(String label, JobType jobType) {
        this.label = label;
        this.jobType = jobType;
    }

    /** The Inference Recommender job type, or null for the studio's load test. */
    public JobType jobType() {
        return jobType;
    }

    @Override
    public String toString() {
        return label;
    }
}
