package com.endpointstudio.core.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every endpoint instance type with its hardware ({@code catalog/instance-specs.csv}) and its
 * on-demand prices ({@link InstancePrices}) and Savings Plans ({@link SavingsPlans}): what the instance picker lists and what cost
 * estimates are made of.
 */
public final class InstanceCatalog {

    private final InstanceTypes types;
    private final Map<String, InstanceSpec> specs;
    private final InstancePrices prices;
    private final SavingsPlans savingsPlans;

    private InstanceCatalog(InstanceTypes types, Map<String, InstanceSpec> specs, InstancePrices prices,
                            SavingsPlans savingsPlans) {
        this.types = types;
        this.specs = specs;
        this.prices = prices;
        this.savingsPlans = savingsPlans;
    }

    public static InstanceCatalog load() {
        InstanceTypes types = InstanceTypes.load();
        try (InputStream in = InstanceCatalog.class.getResourceAsStream("/catalog/instance-specs.csv")) {
            return new InstanceCatalog(types, readSpecs(in), InstancePrices.load(), SavingsPlans.load());
        } catch (IOException e) {
            throw new UncheckedIOException("the instance specifications can't be read", e);
        }
    }

    private static Map<String, InstanceSpec> readSpecs(InputStream in) throws IOException {
        Map<String, InstanceSpec> specs = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split(",", -1);
                specs.put(c[0], c[1].isBlank() ? InstanceSpec.unknown(c[0])
                        : new InstanceSpec(c[0], Integer.valueOf(c[1]), Double.valueOf(c[2]), Integer.parseInt(c[3]),
                                AcceleratorKind.parse(c[4]), c[5], c[6].isBlank() ? null : Double.valueOf(c[6])));
            }
        }
        return specs;
    }

    public InstanceTypes types() {
        return types;
    }

    public InstancePrices prices() {
        return prices;
    }

    public SavingsPlans savingsPlans() {
        return savingsPlans;
    }

    /** The hardware of a type the API accepts; empty for a name it doesn't. */
    public Optional<InstanceSpec> spec(String instanceType) {
        if (!types.isKnown(instanceType)) {
            return Optional.empty();
        }
        String name = instanceType.strip();
        return Optional.of(specs.getOrDefault(name, InstanceSpec.unknown(name)));
    }

    public Optional<InstanceOffer> offer(String instanceType, String region) {
        return spec(instanceType).map(spec -> offer(spec, region));
    }

    /** Every type, in the API's order, as the region offers it. */
    public List<InstanceOffer> offers(String region) {
        return types.names().stream().map(name -> offer(spec(name).orElseThrow(), region)).toList();
    }

    public List<InstanceOffer> offers(String region, InstanceFilter filter) {
        return offers(region).stream().filter(filter).toList();
    }

    private InstanceOffer offer(InstanceSpec spec, String region) {
        var hourly = prices.hourly(spec.name(), region);
        return new InstanceOffer(spec, region, hourly.isPresent() ? hourly.getAsDouble() : null);
    }
}
