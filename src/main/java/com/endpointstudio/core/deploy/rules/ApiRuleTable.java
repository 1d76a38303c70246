package com.endpointstudio.core.deploy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The request constraints of CreateModel, CreateEndpointConfig, CreateEndpoint,
 * RegisterScalableTarget and PutScalingPolicy, generated from the SageMaker and Application Auto
 * Scaling service models by {@code tools/generate_api_rules.py} into {@value #RESOURCE}.
 */
public final class ApiRuleTable {

    public static final String RESOURCE = "/deploy/api-rules.json";

    private static volatile ApiRuleTable bundled;

    private final String source;
    private final String generated;
    private final Map<String, ApiRule> rules;

    private ApiRuleTable(String source, String generated, Map<String, ApiRule> rules) {
        this.source = source;
        this.generated = generated;
        this.rules = Collections.unmodifiableMap(rules);
    }

    /** The table shipped with the studio, read once. */
    public static ApiRuleTable bundled() {
        ApiRuleTable table = bundled;
        if (table == null) {
            synchronized (ApiRuleTable.class) {
                if (bundled == null) {
                    bundled = read();
                }
                table = bundled;
            }
        }
        return table;
    }

    private static ApiRuleTable read() {
        try (InputStream in = ApiRuleTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the studio's resources");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, ApiRule> rules = new LinkedHashMap<>();
            root.get("rules").fields().forEachRemaining(entry -> rules.put(entry.getKey(),
                    rule(entry.getKey(), entry.getValue())));
            return new ApiRuleTable(root.get("source").asText(), root.get("generated").asText(), rules);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    private static ApiRule rule(String path, JsonNode node) {
        List<String> values = new ArrayList<>();
        node.path("enum").forEach(value -> values.add(value.asText()));
        return new ApiRule(path, node.get("type").asText(), number(node, "min"), number(node, "max"),
                node.hasNonNull("pattern") ? node.get("pattern").asText() : null, values,
                node.path("required").asBoolean(false));
    }

    private static Double number(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asDouble() : null;
    }

    /** The rule of a request member; a path the service models don't have is a programming error. */
    public ApiRule rule(String path) {
        ApiRule rule = rules.get(path);
        if (rule == null) {
            throw new NoSuchElementException("No API rule for " + path + " in " + RESOURCE);
        }
        return rule;
    }

    public boolean has(String path) {
        return rules.containsKey(path);
    }

    public Map<String, ApiRule> all() {
        return rules;
    }

    /** Which service models, of which version, the table was generated from. */
    public String source() {
        return source;
    }

    public String generated() {
        return generated;
    }
}
