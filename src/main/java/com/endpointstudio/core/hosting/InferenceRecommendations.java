package com.endpointstudio.core.hosting;

import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.task.CancelToken;
import java.util.function.Consumer;

/** AWS's own Inference Recommender; a host without it (this computer) has none. */
public interface InferenceRecommendations {

    /**
     * CreateInferenceRecommendationsJob, then DescribeInferenceRecommendationsJob until it ends; a
     * cancel stops the job (StopInferenceRecommendationsJob) and throws CancellationException.
     */
    Recommendation run(InferenceRecommenderJob job, Consumer<String> progress, CancelToken cancel);
}
