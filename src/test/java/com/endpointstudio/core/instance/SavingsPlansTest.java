package com.endpointstudio.core.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.loadtest.LatencyStats;
import com.endpointstudio.core.loadtest.LoadTestCost;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Savings Plans and cost per million inferences, as the review, the load test and the recommender show them. */
class SavingsPlansTest {

    private final InstanceCatalog catalog = InstanceCatalog.load();

    @Test
    void everyEndpointInstanceTypeHasAPriceUnderEveryPlanAndLongerOrMoreUpfrontIsCheaper() {
        SavingsPlans plans = catalog.savingsPlans();
        for (String type : catalog.types().names()) {
            double previous = 1;
            for (SavingsPlans.Plan plan : SavingsPlans.Plan.values()) {
                double fraction = plans.fraction(type, plan).orElseThrow();
                assertThat(fraction).as(type + " " + plan).isBetween(0.36, 0.95);
                if (plan != SavingsPlans.Plan.THREE_YEARS_NO_UPFRONT) {
                    assertThat(fraction).as(type + " " + plan).isLessThan(previous);
                }
                previous = fraction;
            }
        }
        assertThat(plans.estimated()).isTrue();
        assertThat(plans.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void theLongestFamilyPrefixWinsAndAMissingCellFallsBackToEveryOtherFamily() throws Exception {
        SavingsPlans plans = SavingsPlans.read(new ByteArrayInputStream("""
                # test figures 2026-01-02
                family,1yr_no_upfront,1yr_partial_upfront,1yr_all_upfront,3yr_no_upfront,3yr_partial_upfront,3yr_all_upfront
                ml.g,0.60,0.58,0.56,0.40,0.38,0.36
                ml.g5,0.50,,0.46,0.30,0.28,0.26
                *,0.80,0.78,0.76,0.60,0.58,0.56
                """.getBytes(StandardCharsets.UTF_8)));
        assertThat(plans.fraction("ml.g5.xlarge", SavingsPlans.Plan.ONE_YEAR_NO_UPFRONT)).hasValue(0.50);
        assertThat(plans.fraction("ml.g4dn.xlarge", SavingsPlans.Plan.ONE_YEAR_NO_UPFRONT)).hasValue(0.60);
        assertThat(plans.fraction("ml.g5.xlarge", SavingsPlans.Plan.ONE_YEAR_PARTIAL_UPFRONT)).hasValue(0.78);
        assertThat(plans.fraction("ml.m5.large", SavingsPlans.Plan.THREE_YEARS_ALL_UPFRONT)).hasValue(0.56);
        assertThat(plans.describe("ml.g5.xlarge", 2.0)).isEqualTo("with a SageMaker Savings Plan $1.00 (1 year, "
                + "no upfront) to $0.5200 (3 years, all upfront, 74 % off) an hour, rates as of 2026-01-02");
    }

    @Test
    void theReviewsCostLineNamesTheSavingsPlanRange() {
        String line = CostEstimate.of(catalog, "ml.g5.xlarge", 1, "us-east-1").describe();
        assertThat(line).contains("with a SageMaker Savings Plan").contains("(3 years, all upfront, 64 % off)");
    }

    @Test
    void aMillionInferencesCostTheHoursTheyTakeOrTheirServerlessSeconds() {
        // 0.115 $/h at 32 requests/s: a million take 8.68 h
        assertThat(InferenceCost.perMillion(0.115, 32.0)).isCloseTo(0.998, within(0.001));
        assertThat(InferenceCost.perMillion(null, 32.0)).isNull();
        assertThat(InferenceCost.perMillion(0.115, 0.0)).isNull();
        // 2048 MB for 120.4 ms, billed as 121 ms: 0.00004 $/s × 0.121 s × 1e6
        assertThat(InferenceCost.serverlessPerMillion(2048, 120.4)).isCloseTo(4.84, within(1e-9));
        assertThat(InferenceCost.dataPerMillion(2000)).isCloseTo(0.032, within(1e-12));
    }

    @Test
    void aLoadTestOnAnInstanceEndpointSaysWhatAMillionCallsCostAtItsThroughput() {
        LoadTestReport report = report(1000, Duration.ofSeconds(10));
        EndpointDetails endpoint = endpoint(new EndpointDetails.Variant("AllTraffic", "m", "ml.m5.large", 2, 2, 1, null,
                null));
        double hourly = 2 * catalog.offer("ml.m5.large", "us-east-1").orElseThrow().hourlyUsd();
        String line = LoadTestCost.perMillion(endpoint, report, catalog, "us-east-1", 100).orElseThrow();
        assertThat(line).startsWith("cost        " + Quantities.usd(hourly / (100 * 3600.0) * 1e6)
                + " per million inferences at this throughput on ml.m5.large × 2 on demand, ");
        assertThat(line).contains("with a 3-year all-upfront Savings Plan").contains("data processing");

        EndpointDetails serverless = endpoint(new EndpointDetails.Variant("AllTraffic", "m", null, null, null, 1, 2048,
                5));
        assertThat(LoadTestCost.perMillion(serverless, report, catalog, "us-east-1", 100).orElseThrow())
                .contains("per million inferences at 2048 MB and 21 ms each");
        EndpointDetails unpriced = endpoint(new EndpointDetails.Variant("AllTraffic", "m", "ml.unknown.large", 1, 1, 1,
                null, null));
        assertThat(LoadTestCost.perMillion(unpriced, report, catalog, "us-east-1", 100)).isEmpty();
    }

    private static EndpointDetails endpoint(EndpointDetails.Variant variant) {
        return new EndpointDetails("e", "arn", "InService", null, Instant.now(), Instant.now(), "c", List.of(variant),
                null, null, List.of(), Map.of(), List.of());
    }

    private static LoadTestReport report(long completed, Duration elapsed) {
        LatencyStats stats = LatencyStats.ofMicros(20_400, 20_400, 20_400);
        return new LoadTestReport("e", new LoadTestPlan(4, (int) completed, null, null), Instant.now(), elapsed,
                completed, 0, stats, stats, Map.of(), List.of(), false);
    }
}
