package com.endpointstudio.core.instance;

/**
 * What instances behind an endpoint cost while it runs, from the catalog's on-demand prices.
 * Storage, data transfer and taxes are not included, and the review says so.
 *
 * @param hourlyUsd null when the type has no price in the region
 */
public record CostEstimate(String instanceType, int instanceCount, String region, Double hourlyUsd, String asOf,
                           boolean estimated) {

    public static CostEstimate of(InstanceCatalog catalog, String instanceType, int instanceCount, String region) {
        Double unit = catalog.offer(instanceType, region).map(InstanceOffer::hourlyUsd).orElse(null);
        return new CostEstimate(instanceType, instanceCount, region, unit == null ? null : unit * instanceCount,
                catalog.prices().asOf(), catalog.prices().estimated());
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

    /** "2 × ml.m5.large in us-east-1: $0.2300 an hour, $167.90 a month (730 h); on-demand estimate as of 2026-11-25". */
    public String describe() {
        String what = instanceCount + " × " + instanceType + " in " + region;
        if (!known()) {
            return what + ": no price in the catalog for this type in this region";
        }
        return what + ": " + Quantities.usd(hourlyUsd) + " an hour, " + Quantities.usd(monthlyUsd()) + " a month ("
                + InstanceOffer.HOURS_PER_MONTH + " h); on-demand " + (estimated ? "estimate" : "price") + " as of " + asOf
                + ", instances only";
    }
}
