package com.endpointstudio.core.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What SageMaker Savings Plans charge for an endpoint instance, from {@code catalog/savings-plans.csv}:
 * per instance family, the fraction of the on-demand price paid under each term and payment option.
 * Like {@link InstancePrices}, the file says where its figures come from and when.
 */
public final class SavingsPlans {

    /** The six plans AWS sells: a 1- or 3-year term, paid with no, partial or all upfront. */
    public enum Plan {
        ONE_YEAR_NO_UPFRONT("1 year, no upfront"), ONE_YEAR_PARTIAL_UPFRONT("1 year, partial upfront"),
        ONE_YEAR_ALL_UPFRONT("1 year, all upfront"), THREE_YEARS_NO_UPFRONT("3 years, no upfront"),
        THREE_YEARS_PARTIAL_UPFRONT("3 years, partial upfront"), THREE_YEARS_ALL_UPFRONT("3 years, all upfront");

        private final String label;

        Plan(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One plan's effective hourly price for an instance, and what it saves against on demand. */
    public record Rate(Plan plan, double hourlyUsd, double savedFraction) {
    }

    private final Map<String, Double[]> byFamily;
    private final String source;

    private SavingsPlans(Map<String, Double[]> byFamily, String source) {
        this.byFamily = byFamily;
        this.source = source;
    }

    public static SavingsPlans load() {
        try (InputStream in = SavingsPlans.class.getResourceAsStream("/catalog/savings-plans.csv")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the Savings Plans list can't be read", e);
        }
    }

    static SavingsPlans read(InputStream in) throws IOException {
        Map<String, Double[]> byFamily = new LinkedHashMap<>();
        StringBuilder source = new StringBuilder();
        boolean header = true;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    source.append(line.substring(1).strip()).append('\n');
                } else if (!line.isBlank() && header) {
                    header = false;
                } else if (!line.isBlank()) {
                    String[] cells = line.split(",", -1);
                    Double[] fractions = new Double[Plan.values().length];
                    for (int i = 0; i < fractions.length && i + 1 < cells.length; i++) {
                        fractions[i] = cells[i + 1].isBlank() ? null : Double.parseDouble(cells[i + 1]);
                    }
                    byFamily.put(cells[0].strip(), fractions);
                }
            }
        }
        return new SavingsPlans(byFamily, source.toString().strip());
    }

    /** The fraction of the on-demand price a plan charges for this type, if the list has one. */
    public OptionalDouble fraction(String instanceType, Plan plan) {
        Double value = row(instanceType)[plan.ordinal()];
        if (value == null && byFamily.containsKey("*")) {
            value = byFamily.get("*")[plan.ordinal()];
        }
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Every plan's price for an instance whose on-demand price is {@code onDemandHourlyUsd}, cheapest last. */
    public List<Rate> rates(String instanceType, double onDemandHourlyUsd) {
        List<Rate> rates = new ArrayList<>();
        for (Plan plan : Plan.values()) {
            fraction(instanceType, plan).ifPresent(f -> rates.add(new Rate(plan, onDemandHourlyUsd * f, 1 - f)));
        }
        rates.sort(Comparator.comparingDouble(Rate::hourlyUsd).reversed());
        return rates;
    }

    /** "with a SageMaker Savings Plan $0.1610 (1 year, no upfront) to $0.1081 (3 years, all upfront, 53 % off) an hour, …". */
    public String describe(String instanceType, double onDemandHourlyUsd) {
        var shortest = fraction(instanceType, Plan.ONE_YEAR_NO_UPFRONT);
        var longest = fraction(instanceType, Plan.THREE_YEARS_ALL_UPFRONT);
        if (shortest.isEmpty() || longest.isEmpty()) {
            return "";
        }
        return "with a SageMaker Savings Plan " + Quantities.usd(onDemandHourlyUsd * shortest.getAsDouble()) + " ("
                + Plan.ONE_YEAR_NO_UPFRONT.label() + ") to " + Quantities.usd(onDemandHourlyUsd * longest.getAsDouble())
                + " (" + Plan.THREE_YEARS_ALL_UPFRONT.label() + ", " + Math.round((1 - longest.getAsDouble()) * 100)
                + " % off) an hour, " + (estimated() ? "estimates" : "rates") + " as of " + asOf();
    }

    private Double[] row(String instanceType) {
        String family = instanceType.contains(".") ? instanceType.substring(0, instanceType.lastIndexOf('.')) : instanceType;
        return byFamily.entrySet().stream()
                .filter(e -> !e.getKey().equals("*") && family.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElseGet(() -> byFamily.getOrDefault("*", new Double[Plan.values().length]));
    }

    public String source() {
        return source;
    }

    public String asOf() {
        var match = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(source);
        return match.find() ? match.group() : "undated";
    }

    public boolean estimated() {
        return source.contains("ESTIMATES");
    }
}
