package com.endpointstudio.core.deploy;

import com.endpointstudio.core.error.Validation;
import java.util.Map;
import java.util.TreeMap;

/** The Tag rules: the API's key and value rules, the reserved prefixes, and the limit per resource. */
final class TagRules {

    private static final String KEY_HINT = "a key is letters, digits, spaces and _ . : / = + - @";
    private static final String VALUE_HINT = "letters, digits, spaces and _ . : / = + - @ only";

    private TagRules() {
    }

    static void check(DeploymentSpec spec, FieldChecks fields) {
        Validation v = fields.validation();
        Map<String, String> own = new TreeMap<>(spec.endpoint().tags());
        fields.covered("endpoint.tags{key}");
        fields.covered("endpoint.tags{value}");
        own.forEach((key, value) -> {
            String field = "Tag " + (key.isEmpty() ? "(empty key)" : key);
            fields.text("endpoint.tags{key}", key, true, field, KEY_HINT);
            // AWS reserves the aws: prefix for its own tags (Tagging AWS resources, "Tag naming limits").
            v.require(!key.toLowerCase().startsWith("aws:"), field, "keys starting with aws: are reserved by AWS");
            v.require(!StudioTags.isUnknownStudioKey(key), field,
                    "keys starting with " + StudioTags.PREFIX + " are reserved for the studio's own tags");
            if (key.equals(StudioTags.MANAGED_KEY)) {
                v.require(StudioTags.MANAGED_VALUE.equals(value), field,
                        "the studio sets this tag to " + StudioTags.MANAGED_VALUE + " itself");
            }
            fields.text("endpoint.tags{value}", value == null ? "" : value, false, field + " value", VALUE_HINT);
        });
        int total = StudioTags.forResources(spec).size();
        int studio = total - (int) own.keySet().stream()
                .filter(k -> !k.equals(StudioTags.MANAGED_KEY) && !k.equals(StudioTags.DEPLOYMENT_KEY)).count();
        fields.count("endpoint.tags", total, "Tags", "tags with the studio's own (keep yours to "
                + (50 - studio) + ")");
    }
}
