package com.endpointstudio.core.loadtest;

import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.instance.InferenceCost;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceOffer;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.core.instance.SavingsPlans;
import java.util.Optional;

/**
 * What a load test adds to the bill of a paid (AWS) endpoint, said before it starts. A real-time
 * endpoint's instances bill by the hour whether called or not; each call adds data processing,
 * $0.016 per GB in and out (SageMaker's real-time inference rate in us-east-1, 2026-11-25).
 */
public final class LoadTestCost {

    /** Above this many requests the studio asks before calling a paid endpoint. */
    public static final int ASK_ABOVE_REQUESTS = 300;
    public static final double DATA_PROCESSED_USD_PER_GB = InferenceCost.DATA_PROCESSED_USD_PER_GB;

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

    /**
     * What a million inferences cost on the endpoint at the throughput a test measured: its running
     * instances' hourly price over the hours a million take (and with the cheapest Savings Plan), or
     * for a serverless endpoint its memory size times the mean latency. Empty when unknown.
     */
    public static Optional<String> perMillion(EndpointDetails endpoint, LoadTestReport report, InstanceCatalog catalog,
                                              String region, int requestBytes) {
        if (report.completed() == 0 || endpoint.variants().isEmpty()) {
            return Optional.empty();
        }
        String data = " + " + Quantities.usd(InferenceCost.dataPerMillion(2L * requestBytes)) + " data processing";
        if (endpoint.kind() == EndpointDetails.Kind.SERVERLESS) {
            int memory = endpoint.variants().get(0).serverlessMemoryMb();
            return Optional.of("cost        " + InferenceCost.describeServerless(memory, report.latency().meanMs(),
                    2L * requestBytes) + ", serverless rates of us-east-1");
        }
        double hourly = 0;
        double planHourly = 0;
        SavingsPlans plans = catalog.savingsPlans();
        for (EndpointDetails.Variant variant : endpoint.variants()) {
            Integer count = variant.currentCount() != null ? variant.currentCount() : variant.desiredCount();
            Double unit = variant.instanceType() == null ? null
                    : catalog.offer(variant.instanceType(), region).map(InstanceOffer::hourlyUsd).orElse(null);
            if (unit == null || count == null) {
                return Optional.empty();
            }
            hourly += unit * count;
            planHourly += unit * count * plans.fraction(variant.instanceType(),
                    SavingsPlans.Plan.THREE_YEARS_ALL_UPFRONT).orElse(1);
        }
        return Optional.of("cost        " + Quantities.usd(InferenceCost.perMillion(hourly, report.throughput()))
                + " per million inferences at this throughput on " + endpoint.capacity() + " on demand, "
                + Quantities.usd(InferenceCost.perMillion(planHourly, report.throughput()))
                + " with a 3-year all-upfront Savings Plan" + data + " (" + (catalog.prices().estimated()
                ? "estimates" : "prices") + " as of " + catalog.prices().asOf() + ")");
    }
}
