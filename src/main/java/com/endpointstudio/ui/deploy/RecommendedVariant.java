package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.ui.deploy.DeployDraft.Entry;

/**
 * What "Use selected" of a recommendation changes in the draft: the instance type and the count
 * the target needs; from a Local sweep, the model server workers of the Model's environment.
 */
final class RecommendedVariant {

    private RecommendedVariant() {
    }

    static void apply(DeployDraft draft, Recommendation.Row row, boolean workersSweep) {
        if (workersSweep) {
            String workers = row.instanceType().replaceAll("\\D.*", "");
            draft.environment.removeIf(entry -> entry.key().equals(Recommender.WORKERS));
            draft.environment.add(new Entry(Recommender.WORKERS, workers));
            return;
        }
        draft.instanceType.set(row.instanceType());
        if (row.instances() != null) {
            draft.instanceCount.set(row.instances());
        }
    }
}
