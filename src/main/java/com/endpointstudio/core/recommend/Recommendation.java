package com.endpointstudio.core.recommend;

import com.endpointstudio.core.instance.InferenceCost;
import com.endpointstudio.core.instance.Quantities;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answer: per instance type, the most one instance sustains within the latency limit, how many
 * instances the target needs, what they cost an hour and what a million inferences cost; and the
 * cheapest type that meets the goal.
 */
public record Recommendation(Recommender.Goal goal, List<Row> rows, Row recommended, boolean workersSweep) {

    /**
     * @param maxRpsPerInstance the best step's throughput, null when it could not be measured
     * @param instances         instances the target needs at that throughput
     * @param hourlyUsd         what those instances cost an hour, on demand
     * @param perMillionUsd     what a million inferences cost on one instance running at that throughput
     * @param perMillionPlanUsd the same with the cheapest SageMaker Savings Plan (3 years, all upfront)
     * @param errorPercent      failed calls at that throughput, in percent
     * @param cpuPercent        the instance's CPUUtilization during that step (summed over its vCPUs), null
     *                          without datapoints; likewise {@code memoryPercent}, {@code gpuPercent}
     */
    public record Row(String instanceType, Double maxRpsPerInstance, Double p50Ms, Double p99Ms, Integer instances,
                      Double hourlyUsd, Double perMillionUsd, Double perMillionPlanUsd, String note,
                      Double errorPercent, Double cpuPercent, Double memoryPercent, Double gpuPercent) {

        /** A row without a measured step, so without error rate or utilisation. */
        public Row(String instanceType, Double maxRpsPerInstance, Double p50Ms, Double p99Ms, Integer instances,
                   Double hourlyUsd, Double perMillionUsd, Double perMillionPlanUsd, String note) {
            this(instanceType, maxRpsPerInstance, p50Ms, p99Ms, instances, hourlyUsd, perMillionUsd, perMillionPlanUsd,
                    note, null, null, null, null);
        }
    }

    /**
     * One recommendation of AWS's Inference Recommender.
     *
     * @param requestsPerSecond MaxInvocations a minute of the whole configuration, a second
     * @param latencyMs         ModelLatency at that load
     * @param hourlyUsd         CostPerHour of the configuration's instances
     */
    public record AwsRow(String instanceType, int instances, Double requestsPerSecond, Double latencyMs,
                         Double hourlyUsd, Double perInferenceUsd) {
    }

    /** AWS's recommendations in the studio's table, sized for the goal's throughput. */
    public static Recommendation fromAws(List<AwsRow> recommendations, Recommender.Goal goal) {
        List<Row> rows = new ArrayList<>();
        for (AwsRow aws : recommendations) {
            if (aws.requestsPerSecond() == null || aws.requestsPerSecond() <= 0) {
                rows.add(new Row(aws.instanceType(), null, null, null, null, null, null, null,
                        "Inference Recommender gave no throughput"));
                continue;
            }
            double perInstance = aws.requestsPerSecond() / aws.instances();
            int instances = (int) Math.ceil(goal.targetRps() / perInstance);
            rows.add(new Row(aws.instanceType(), perInstance, null, aws.latencyMs(), instances,
                    aws.hourlyUsd() == null ? null : aws.hourlyUsd() / aws.instances() * instances,
                    aws.perInferenceUsd() == null ? null : aws.perInferenceUsd() * 1_000_000, null,
                    "Inference Recommender; latency is its ModelLatency at the most invocations"));
        }
        Row recommended = rows.stream().filter(row -> row.hourlyUsd() != null && (row.p99Ms() == null
                || row.p99Ms() <= goal.p99LimitMs())).min(Comparator.comparing(Row::hourlyUsd)).orElse(null);
        return new Recommendation(goal, rows, recommended, false);
    }

    static Recommendation of(List<Recommender.Candidate> candidates, Recommender.Goal goal,
                             Recommender.Pricing pricing) {
        List<Row> rows = new ArrayList<>();
        for (Recommender.Candidate candidate : candidates) {
            StepSearch.Step best = candidate.best();
            if (best == null || best.requestsPerSecond() <= 0) {
                rows.add(new Row(candidate.instanceType(), null, null, null, null, null, null, null,
                        candidate.failure() != null ? candidate.failure() : "too slow even one request at a time ("
                                + candidate.stoppedBecause() + ")"));
                continue;
            }
            Double price = pricing.hourly(candidate.instanceType());
            int instances = (int) Math.ceil(goal.targetRps() / best.requestsPerSecond());
            rows.add(new Row(candidate.instanceType(), best.requestsPerSecond(), best.p50Ms(), best.p99Ms(), instances,
                    price == null ? null : price * instances,
                    InferenceCost.perMillion(price, best.requestsPerSecond()),
                    InferenceCost.perMillion(pricing.savingsPlanHourly(candidate.instanceType()),
                            best.requestsPerSecond()),
                    candidate.stoppedBecause(), 100 * best.errorRate(), candidate.utilization().cpuPercent(),
                    candidate.utilization().memoryPercent(), candidate.utilization().gpuPercent()));
        }
        Row recommended = rows.stream().filter(row -> row.hourlyUsd() != null)
                .min(Comparator.comparing(Row::hourlyUsd).thenComparing(Row::p99Ms)).orElse(null);
        return new Recommendation(goal, rows, recommended, false);
    }

    /**
     * A Local sweep's answer: nothing is priced, so the row that sustains the most within the
     * latency limit is the knee of this computer.
     */
    static Recommendation knee(List<Recommender.Candidate> candidates, Recommender.Goal goal) {
        Recommendation measured = of(candidates, goal, type -> null);
        Row knee = measured.rows().stream().filter(row -> row.maxRpsPerInstance() != null)
                .max(Comparator.comparing(Row::maxRpsPerInstance)).orElse(null);
        return new Recommendation(goal, measured.rows(), knee, true);
    }

    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-18s %14s %9s %9s %7s %10s %12s %14s %14s %7s %7s %7s%n",
                workersSweep ? "WORKERS" : "INSTANCE TYPE", "MAX RPS/INST", "P50 MS", "P99 MS", "ERR %", "INSTANCES",
                "COST/HOUR", "COST/1M CALLS", "1M, 3Y PLAN", "CPU %", "MEM %", "GPU %"));
        for (Row row : rows) {
            if (row.maxRpsPerInstance() == null) {
                out.append(String.format(Locale.ROOT, "%-18s %s%n", row.instanceType(), row.note()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-18s %14.1f %9s %9s %7s %10d %12s %14s %14s %7s %7s %7s%n",
                    row.instanceType(), row.maxRpsPerInstance(), ms(row.p50Ms()), ms(row.p99Ms()),
                    percent(row.errorPercent()), row.instances(), usd(row.hourlyUsd()), usd(row.perMillionUsd()),
                    usd(row.perMillionPlanUsd()), percent(row.cpuPercent()), percent(row.memoryPercent()),
                    percent(row.gpuPercent())));
        }
        return out.append(verdict()).append('\n').toString();
    }

    /** The sentence under the table: the recommended type and count and its cost, or the knee on Local. */
    public String verdict() {
        if (workersSweep) {
            return recommended == null ? "No worker count could be measured." : String.format(Locale.ROOT,
                    "Knee of this computer: %s, %.1f requests/s within p99 %.0f ms"
                    + "%s.", recommended.instanceType(), recommended.maxRpsPerInstance(), goal.p99LimitMs(),
                    recommended.maxRpsPerInstance() >= goal.targetRps() ? "" : String.format(Locale.ROOT,
                            ", short of the %.0f requests/s target", goal.targetRps()));
        }
        return recommended == null ? "No instance type could be measured and priced."
                : String.format(Locale.ROOT, "Recommended: %d × %s for %.0f requests/s within p99 %.0f ms, %s an hour "
                        + "(%s a month on demand).", recommended.instances(), recommended.instanceType(),
                goal.targetRps(), goal.p99LimitMs(), usd(recommended.hourlyUsd()),
                usd(recommended.hourlyUsd() * 730));
    }

    public String csv() {
        StringBuilder out = new StringBuilder("instance_type,max_rps_per_instance,p50_ms,p99_ms,error_percent,"
                + "instances,cost_per_hour_usd,cost_per_million_usd,cost_per_million_3yr_plan_usd,cpu_utilization_percent,"
                + "memory_utilization_percent,gpu_utilization_percent,recommended,note\n");
        for (Row row : rows) {
            out.append(String.join(",", row.instanceType(), number(row.maxRpsPerInstance()), number(row.p50Ms()),
                    number(row.p99Ms()), number(row.errorPercent()),
                    row.instances() == null ? "" : row.instances().toString(),
                    number(row.hourlyUsd()), number(row.perMillionUsd()), number(row.perMillionPlanUsd()),
                    number(row.cpuPercent()), number(row.memoryPercent()), number(row.gpuPercent()),
                    String.valueOf(row == recommended),
                    "\"" + String.valueOf(row.note()).replace("\"", "\"\"") + "\"")).append('\n');
        }
        return out.toString();
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String usd(Double value) {
        return value == null ? "-" : Quantities.usd(value);
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
