package com.endpointstudio.core.recommend;

import com.endpointstudio.core.instance.Quantities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a recommendation run costs before it starts: each candidate's instance bills from creation
 * (about ten minutes to InService on AWS) through every load step to deletion.
 */
public record RunCost(double usd, Duration perCandidate, List<String> unpriced) {

    public static RunCost estimate(List<String> types, Recommender.Pricing pricing, Duration setup, Duration step,
                                   int maxConcurrency) {
        int steps = 1 + (int) Math.floor(Math.log(Math.max(1, maxConcurrency)) / Math.log(2));
        Duration each = setup.plus(step.multipliedBy(steps));
        double usd = 0;
        List<String> unpriced = new ArrayList<>();
        for (String type : types) {
            Double hourly = pricing.hourly(type);
            if (hourly == null) {
                unpriced.add(type);
            } else {
                usd += hourly * each.toSeconds() / 3600.0;
            }
        }
        return new RunCost(usd, each, unpriced);
    }

    public String describe() {
        return String.format(Locale.ROOT, "The run starts %s temporary endpoint, one instance each, up to %d "
                + "minutes apiece: about %s on demand%s.", "every candidate's", perCandidate.toMinutes(),
                Quantities.usd(usd), unpriced.isEmpty() ? "" : " (no price known for " + String.join(", ", unpriced)
                        + ")");
    }
}
