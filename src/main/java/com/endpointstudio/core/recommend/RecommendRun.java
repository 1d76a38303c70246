package com.endpointstudio.core.recommend;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceOffer;
import com.endpointstudio.core.instance.SavingsPlans;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One right-sizing run as the command line and the deploy wizard start it: on AWS the candidate
 * instance types side by side, on Local the sweep of model server workers; leftovers of a run that
 * was stopped hard are deleted first.
 *
 * @param instanceTypes the candidates on AWS (ignored on Local)
 * @param workers       the worker counts of a Local sweep; empty for 1, 2, 4… up to twice the cores
 */
public record RecommendRun(List<String> instanceTypes, List<Integer> workers, Recommender.Goal goal, int parallel,
                           Duration stepDuration, Duration warmup, int maxConcurrency, InvocationRequest sample) {

    public RecommendRun {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    /** What the run costs on AWS before it starts (nothing on Local). */
    public RunCost estimate(Recommender.Pricing pricing, boolean local) {
        return RunCost.estimate(local ? List.of() : instanceTypes, pricing, local ? Duration.ZERO : Duration.ofMinutes(10),
                stepDuration.plus(warmup), maxConcurrency);
    }

    /**
     * Runs it with a connection's hosting; {@code place} names the connection in the journal so a
     * crashed run's endpoints are found again by the next one.
     */
    public Recommendation run(DeploymentSpec spec, Hosting hosting, DeploymentJournal journal, String place,
                              boolean local, Recommender.Pricing pricing, Consumer<String> progress, CancelToken cancel) {
        DeploymentRunner runner = new DeploymentRunner(hosting, journal, Duration.ofSeconds(local ? 1 : 15),
                Duration.ofMinutes(60));
        Recommender recommender = new Recommender(hosting.runtime().forLoadTest()::invoke, journal, runner,
                new StepSearch(new LoadTester(), stepDuration, warmup, maxConcurrency), hosting.metrics(), place);
        recommender.cleanUpLeftovers().forEach(name -> progress.accept("Deleted " + name
                + ", left by a run that was stopped"));
        if (local) {
            return recommender.sweepWorkers(spec, workers.isEmpty() ? defaultWorkerCounts() : workers, goal, sample,
                    progress, cancel);
        }
        return recommender.run(spec, instanceTypes, goal, parallel, sample, pricing, progress, cancel);
    }

    /** 1, 2, 4… up to twice the cores: past the cores, workers only help a model that waits on I/O. */
    public static List<Integer> defaultWorkerCounts() {
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n <= 2 * Runtime.getRuntime().availableProcessors(); n *= 2) {
            counts.add(n);
        }
        return counts;
    }

    /** On-demand prices of a region, and the cheapest Savings Plan beside them. */
    public static Recommender.Pricing pricing(InstanceCatalog catalog, String region) {
        return new Recommender.Pricing() {
            @Override
            public Double hourly(String type) {
                return catalog.offer(type, region).map(InstanceOffer::hourlyUsd).orElse(null);
            }

            @Override
            public Double savingsPlanHourly(String type) {
                Double onDemand = hourly(type);
                return onDemand == null ? null : onDemand * catalog.savingsPlans().fraction(type,
                        SavingsPlans.Plan.THREE_YEARS_ALL_UPFRONT).orElse(1);
            }
        };
    }
}
