package com.endpointstudio.core.loadtest;

import com.endpointstudio.core.instance.Quantities;

/**
 * What a load test adds to the bill of a paid (AWS) endpoint, said before it starts. A real-time
 * endpoint's instances bill by the hour whether called or not; each call adds data processing,
 * $0.016 per GB in and out (SageMaker's real-time inference rate in us-east-1, 2026-11-25).
 */
public final class LoadTestCost {

    /** Above this many requests the studio asks before calling a paid endpoint. */
    public static final int ASK_ABOVE_REQUESTS = 300;
    public static final double DATA_PROCESSED_USD_PER_GB = 0.016;

    private LoadTestCost() {
    }

    /** Whether to ask first: a paid endpoint, and more requests than a quick check (or an open-ended run). */
    public static boolean needsConfirmation(boolean paidEndpoint, LoadTestPlan plan) {
        long planned = plan.plannedRequests();
        return paidEndpoint && (planned < 0 || planned > ASK_ABOVE_REQUESTS);
    }

    /**
     * A sentence with the estimate.
     *
     * @param requestBytes the body sent each time; the answers are assumed to be as large
     */
    public static String describe(String endpointName, LoadTestPlan plan, int requestBytes) {
        long planned = plan.plannedRequests();
        String count = planned < 0 ? "as many requests as " + plan.concurrency() + " workers can send in "
                + plan.duration().toSeconds() + " s" : String.format("%,d requests", planned);
        String data = "";
        if (planned > 0) {
            double gigabytes = 2.0 * requestBytes * planned / 1e9;
            data = " Their data processing comes to about " + Quantities.usd(gigabytes * DATA_PROCESSED_USD_PER_GB)
                    + String.format(" (%.3f GB in and out at $0.016/GB).", gigabytes);
        }
        return "This sends " + count + " to the AWS endpoint " + endpointName + ". Its instances bill by the hour "
                + "whether called or not, and serverless endpoints bill each request's duration." + data;
    }
}
