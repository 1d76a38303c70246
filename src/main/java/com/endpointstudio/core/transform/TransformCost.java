package com.endpointstudio.core.transform;

import com.endpointstudio.core.instance.CostEstimate;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.Quantities;
import java.time.Duration;

/**
 * What a transform job's instances cost: before it starts, the hourly rate of its instances from the
 * catalog's on-demand prices (SageMaker bills batch transform instances by the second, from
 * TransformStartTime to TransformEndTime, per DescribeTransformJob); once it ended, that rate over the
 * billed time. Storage and data transfer are not included, and the text says so.
 */
public final class TransformCost {

    private TransformCost() {
    }

    public static CostEstimate hourly(InstanceCatalog catalog, TransformJobSpec.ResourcesSpec resources, String region) {
        return CostEstimate.of(catalog, resources.instanceType(), resources.instanceCount(), region);
    }

    /** "1 × ml.m5.large in us-east-1: $0.1150 an hour while the job runs, billed by the second; …". */
    public static String before(CostEstimate estimate) {
        String what = estimate.instanceCount() + " × " + estimate.instanceType() + " in " + estimate.region();
        if (!estimate.known()) {
            return what + ": no price in the catalog for this type in this region";
        }
        return what + ": " + Quantities.usd(estimate.hourlyUsd()) + " an hour while the job runs, billed by the second "
                + "from TransformStartTime to TransformEndTime; on-demand " + (estimate.estimated() ? "estimate"
                : "price") + " as of " + estimate.asOf() + ", instances only";
    }

    /** The billed time's cost, or null while it is unknown. */
    public static Double usd(CostEstimate estimate, Duration billed) {
        if (!estimate.known() || billed == null) {
            return null;
        }
        return estimate.hourlyUsd() * billed.toMillis() / 3_600_000.0;
    }

    /** "Billed 2 min 13 s of 1 × ml.m5.large: $0.0043 (…)". */
    public static String after(CostEstimate estimate, TransformJobDescription job) {
        Duration billed = job.billed();
        if (billed == null) {
            return "No billed time yet (the job has no TransformStartTime and TransformEndTime)";
        }
        Double usd = usd(estimate, billed);
        String time = duration(billed);
        return "Billed " + time + " of " + estimate.instanceCount() + " × " + estimate.instanceType() + ": "
                + (usd == null ? "no price in the catalog for this type in " + estimate.region()
                : Quantities.usd(usd) + " (on-demand " + (estimate.estimated() ? "estimate" : "price") + " as of "
                + estimate.asOf() + ", instances only)");
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 3600 > 0 ? seconds / 3600 + " h " + seconds % 3600 / 60 + " min"
                : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
