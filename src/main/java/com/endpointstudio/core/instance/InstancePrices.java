package com.endpointstudio.core.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * On-demand hourly prices of endpoint instances per region, from {@code catalog/instance-prices.csv}.
 * The file's header says where the figures come from and when; {@link #source()} keeps that text
 * so the screens can show it next to every price.
 */
public final class InstancePrices {

    private final List<String> regions;
    private final Map<String, Map<String, Double>> byRegion;
    private final String source;

    private InstancePrices(List<String> regions, Map<String, Map<String, Double>> byRegion, String source) {
        this.regions = List.copyOf(regions);
        this.byRegion = byRegion;
        this.source = source;
    }

    public static InstancePrices load() {
        try (InputStream in = InstancePrices.class.getResourceAsStream("/catalog/instance-prices.csv")) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the instance price list can't be read", e);
        }
    }

    static InstancePrices read(InputStream in) throws IOException {
        List<String> regions = new ArrayList<>();
        Map<String, Map<String, Double>> byRegion = new HashMap<>();
        StringBuilder source = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    source.append(line.substring(1).strip()).append('\n');
                } else if (!line.isBlank() && regions.isEmpty()) {
                    String[] header = line.split(",", -1);
                    for (int i = 1; i < header.length; i++) {
                        regions.add(header[i].strip());
                        byRegion.put(header[i].strip(), new HashMap<>());
                    }
                } else if (!line.isBlank()) {
                    String[] cells = line.split(",", -1);
                    for (int i = 1; i < cells.length && i <= regions.size(); i++) {
                        if (!cells[i].isBlank()) {
                            byRegion.get(regions.get(i - 1)).put(cells[0].strip(), Double.parseDouble(cells[i]));
                        }
                    }
                }
            }
        }
        return new InstancePrices(regions, byRegion, source.toString().strip());
    }

    /** The regions the list has prices for. */
    public List<String> regions() {
        return regions;
    }

    public OptionalDouble hourly(String instanceType, String region) {
        Double price = region == null ? null : byRegion.getOrDefault(region, Map.of()).get(instanceType);
        return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    /** The file's own account of its figures (source, date, method). */
    public String source() {
        return source;
    }

    /** The date the figures were compiled, as the header's first yyyy-mm-dd. */
    public String asOf() {
        var match = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(source);
        return match.find() ? match.group() : "undated";
    }

    /** Whether the figures are estimates rather than copied from the AWS Price List. */
    public boolean estimated() {
        return source.contains("ESTIMATES");
    }
}
