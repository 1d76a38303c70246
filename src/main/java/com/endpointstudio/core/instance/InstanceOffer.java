package com.endpointstudio.core.instance;

/**
 * An instance type as a region offers it: its hardware and its on-demand price there.
 *
 * @param hourlyUsd null when the catalog has no price for the type in this region
 */
public record InstanceOffer(InstanceSpec spec, String region, Double hourlyUsd) {

    /** AWS's pricing pages count a month as 730 hours. */
    public static final int HOURS_PER_MONTH = 730;

    public String name() {
        return spec.name();
    }

    public boolean priced() {
        return hourlyUsd != null;
    }

    public Double monthlyUsd() {
        return hourlyUsd == null ? null : hourlyUsd * HOURS_PER_MONTH;
    }
}
