package com.endpointstudio.core.packaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An archive as its container will read it: the findings (errors, warnings, and the sentences that
 * say in the framework's own terms what the container does with it), and the role of each file and
 * folder ("TensorFlow Serving model half_plus_three", "entry point", "tokenizer"…).
 *
 * @param roles archive path (folders without a trailing '/') → what the container makes of it
 */
public record LayoutReport(List<Finding> findings, Map<String, String> roles) {

    public LayoutReport {
        findings = List.copyOf(findings);
        roles = java.util.Collections.unmodifiableMap(new TreeMap<>(roles));
    }

    public Optional<String> role(String path) {
        return Optional.ofNullable(roles.get(path));
    }

    public boolean hasErrors() {
        return LayoutValidator.hasErrors(findings);
    }
}
