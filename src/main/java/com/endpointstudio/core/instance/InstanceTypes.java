package com.endpointstudio.core.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every instance type the SageMaker API accepts for a production variant (the
 * ProductionVariantInstanceType enum), from {@code catalog/endpoint-instance-types.txt}.
 */
public final class InstanceTypes {

    private final List<String> names;
    private final Set<String> known;

    private InstanceTypes(List<String> names) {
        this.names = List.copyOf(names);
        this.known = Set.copyOf(names);
    }

    public static InstanceTypes load() {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                InstanceTypes.class.getResourceAsStream("/catalog/endpoint-instance-types.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the instance type list can't be read", e);
        }
        return new InstanceTypes(names);
    }

    /** In the API's order (by family, then size). */
    public List<String> names() {
        return names;
    }

    public boolean isKnown(String instanceType) {
        return instanceType != null && known.contains(instanceType.strip());
    }

    /** The families ("ml.g5", "ml.m5", …), sorted. */
    public List<String> families() {
        Set<String> families = new TreeSet<>();
        names.forEach(name -> families.add(name.substring(0, name.lastIndexOf('.'))));
        return List.copyOf(families);
    }
}
