package com.endpointstudio.core.instance;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the instance picker narrows the list to. Every criterion is optional (null or blank);
 * types with unknown specs or prices drop out only when that criterion is set.
 *
 * @param text part of the type's name or of its accelerator model ("g5", "a10g")
 * @param family "ml.g5"
 * @param accelerator only types with this kind of accelerator
 * @param minMemoryGib at least this much instance memory
 * @param maxHourlyUsd at most this on-demand price an hour
 */
public record InstanceFilter(String text, String family, AcceleratorKind accelerator, Double minMemoryGib,
                             Double maxHourlyUsd) implements Predicate<InstanceOffer> {

    public static final InstanceFilter ALL = new InstanceFilter(null, null, null, null, null);

    @Override
    public boolean test(InstanceOffer offer) {
        InstanceSpec spec = offer.spec();
        if (text != null && !text.isBlank()) {
            String needle = text.strip().toLowerCase(Locale.ROOT);
            if (!spec.name().contains(needle) && !spec.acceleratorModel().toLowerCase(Locale.ROOT).contains(needle)) {
                return false;
            }
        }
        if (family != null && !family.isBlank() && !spec.family().equals(family)) {
            return false;
        }
        if (accelerator != null && spec.acceleratorKind() != accelerator) {
            return false;
        }
        if (minMemoryGib != null && (spec.memoryGib() == null || spec.memoryGib() < minMemoryGib)) {
            return false;
        }
        return maxHourlyUsd == null || offer.priced() && offer.hourlyUsd() <= maxHourlyUsd;
    }
}
