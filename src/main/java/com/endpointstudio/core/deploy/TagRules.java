package com.endpointstudio.core.deploy;

import com.endpointstudio.core.error.Validation;
import java.util.Map;
import java.util.TreeMap;

/** The Tag rules: key and value patterns, the reserved prefixes, and the limit of 50 per resource. */
final class TagRules {

    static final int MAX_TAGS = 50;

    private TagRules() {
    }

    static void check(DeploymentSpec spec, Validation v) {
        if (spec.endpoint() == null) {
            return;
        }
        Map<String, String> own = new TreeMap<>(spec.endpoint().tags());
        own.forEach((key, value) -> {
            String field = "Tag " + (key.isEmpty() ? "(empty key)" : key);
            v.matches(key, ApiRules.TAG, 128, field,
                    "a key is letters, digits, spaces and _ . : / = + - @");
            v.require(!key.toLowerCase().startsWith("aws:"), field, "keys starting with aws: are reserved by AWS");
            v.require(!StudioTags.isUnknownStudioKey(key), field,
                    "keys starting with " + StudioTags.PREFIX + " are reserved for the studio's own tags");
            if (key.equals(StudioTags.MANAGED_KEY)) {
                v.require(StudioTags.MANAGED_VALUE.equals(value), field,
                        "the studio sets this tag to " + StudioTags.MANAGED_VALUE + " itself");
            }
            String text = value == null ? "" : value;
            if (text.length() > 256) {
                v.require(false, field, "value is " + text.length() + " characters long; the limit is 256");
            } else {
                v.require(ApiRules.TAG.matcher(text).matches(), field,
                        "value '" + text + "' is not valid: letters, digits, spaces and _ . : / = + - @ only");
            }
        });
        int total = StudioTags.forResources(spec).size();
        int studio = total - (int) own.keySet().stream()
                .filter(k -> !k.equals(StudioTags.MANAGED_KEY) && !k.equals(StudioTags.DEPLOYMENT_KEY)).count();
        v.require(total <= MAX_TAGS, "Tags", total + " tags with the studio's own; a resource holds at most "
                + MAX_TAGS + ", so keep your tags to " + (MAX_TAGS - studio));
    }
}
