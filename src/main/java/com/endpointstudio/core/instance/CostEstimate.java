package com.endpointstudio.core.instance;

/**
 * What instances behind an endpoint cost while it runs, from the catalog's on-demand prices.
 * Storage, data transfer and taxes are not included, and the review says so.
 *
 * @param hourlyUsd null when the type has no price in the region
 */
public record CostEstimate(String instanceType, int instanceCount, String region, Double hourlyUsd, String asOf,
                           boolean estimated, String savingsPlan) {

    public static CostEstimate of(InstanceCatalog catalog, String instanceType, int instanceCount, String region) {
        Double unit = catalog.offer(instanceType, region).map(InstanceOffer::hourlyUsd).orElse(null);
        Double hourly = unit == null ? null : unit * instanceCount;
        return new CostEstimate(instanceType, instanceCount, region, hourly, catalog.prices().asOf(),
                catalog.prices().estimated(), hourly == null ? "" : catalog.savingsPlans().describe(instanceType, hourly));
    }

    public boolean known() {
        return hourlyUsd != null;
    }

    public Double dailyUsd() {
        return hourlyUsd == null ? null : hourlyUsd * 24;
    }

    public Double monthlyUsd() {
        return hourlyUsd == null ? null : hourlyUsd * InstanceOffer.HOURS_PER_MONTH;
    }

    /**
     * What several variants' instances cost together, e.g. "2 variants (1 × ml.m5.large + 1 ×
     * ml.c5.xlarge) in us-east-1: $0.3190 an hour, …"; one estimate describes itself.
     */
    public static String describe(java.util.List<CostEstimate> parts) {
        if (parts.size() == 1) {
            return parts.get(0).describe();
        }
        java.util.List<String> unknown = parts.stream().filter(c -> !c.known()).map(CostEstimate::instanceType).toList();
        String region = parts.get(0).region();
        if (!unknown.isEmpty()) {
            return "No price in the catalog for " + String.join(", ", unknown) + " in " + region;
        }
        double hourly = parts.stream().mapToDouble(CostEstimate::hourlyUsd).sum();
        CostEstimate first = parts.get(0);
        return parts.size() + " variants (" + String.join(" + ", parts.stream().map(c -> c.instanceCount() + " × "
                + c.instanceType()).toList()) + ") in " + region + ": " + Quantities.usd(hourly) + " an hour, "
                + Quantities.usd(hourly * InstanceOffer.HOURS_PER_MONTH) + " a month; on-demand "
                + (first.estimated() ? "estimate" : "price") + " as of " + first.asOf() + ", instances only. "
                + "A SageMaker Savings Plan of 1 or 3 years lowers this by up to 64 %.";
    }

    /** "2 × ml.m5.large in us-east-1: $0.2300 an hour, $167.90 a month (730 h); on-demand estimate as of 2026-11-25". */
    public String describe() {
        String what = instanceCount + " × " + instanceType + " in " + region;
        if (!known()) {
            return what + ": no price in the catalog for this type in this region";
        }
        return what + ": " + Quantities.usd(hourlyUsd) + " an hour, " + Quantities.usd(monthlyUsd()) + " a month ("
                + InstanceOffer.HOURS_PER_MONTH + " h); on-demand " + (estimated ? "estimate" : "price") + " as of " + asOf
                + ", instances only" + (savingsPlan.isEmpty() ? "" : "; " + savingsPlan);
    }
}
