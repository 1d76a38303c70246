package com.endpointstudio.core.transform;

import com.endpointstudio.core.deploy.StudioTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags a transform job (and the Model the studio creates for it) carries: the user's, sorted by key
 * so exports are stable, then the studio's own — managed, and the job's name as the run it belongs to.
 */
public final class TransformTags {

    private TransformTags() {
    }

    public static Map<String, String> forJob(TransformJobSpec job) {
        Map<String, String> tags = new LinkedHashMap<>();
        new TreeMap<>(job.tags()).forEach((key, value) -> {
            if (!key.equals(StudioTags.MANAGED_KEY) && !key.equals(StudioTags.DEPLOYMENT_KEY)) {
                tags.put(key, value);
            }
        });
        tags.put(StudioTags.MANAGED_KEY, StudioTags.MANAGED_VALUE);
        if (job.jobName() != null) {
            tags.put(StudioTags.DEPLOYMENT_KEY, job.jobName());
        }
        return tags;
    }
}
