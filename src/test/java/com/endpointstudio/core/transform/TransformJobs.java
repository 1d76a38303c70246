package com.endpointstudio.core.transform;

import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import java.util.Map;

/** Transform jobs for tests. */
public final class TransformJobs {

    private TransformJobs() {
    }

    /** A CSV job: Line, MultiRecord unless told, AssembleWith Line. */
    public static TransformJobSpec csv(String input, String output) {
        return job(input, output, "text/csv", "Line", TransformJobSpec.MULTI_RECORD, "text/csv", "Line", null);
    }

    public static TransformJobSpec job(String input, String output, String contentType, String split,
                                       String strategy, String accept, String assemble,
                                       DataProcessingSpec processing) {
        return new TransformJobSpec("score-job", "score-model", new InputSpec(input, null, contentType, null, split),
                strategy, null, null, new OutputSpec(output, accept, assemble, null), processing,
                new ResourcesSpec("ml.m5.large", 1, null), Map.of(), null, Map.of());
    }
}
