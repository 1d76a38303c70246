package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.rules.ApiRule;
import com.endpointstudio.core.deploy.rules.ApiRuleTable;
import com.endpointstudio.core.deploy.rules.SpecFields;
import com.endpointstudio.core.error.Validation;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one spec field against the rule the service model declares for the request member it
 * becomes ({@link SpecFields} for a deployment; another document gives its own map): length, pattern
 * and enum for text, range for numbers, count for lists and maps. Messages name the field as the user
 * sees it and give the limit.
 */
public final class FieldChecks {

    public static final String KMS_HINT = "use a KMS key id, key ARN, alias/name or alias ARN";
    public static final String S3_HINT = "use an s3://bucket/prefix";

    private final ApiRuleTable table;
    private final Validation v;
    /** Document field → request member. */
    private final java.util.function.Function<String, String> members;
    /** The spec fields checked so far: a test proves every field of the spec is. */
    private final Set<String> checked = new TreeSet<>();

    FieldChecks(ApiRuleTable table, Validation v) {
        this(table, v, SpecFields::apiMember);
    }

    /** @param members which request member each field of the checked document becomes */
    public FieldChecks(ApiRuleTable table, Validation v, java.util.function.Function<String, String> members) {
        this.table = table;
        this.v = v;
        this.members = members;
    }

    public Validation validation() {
        return v;
    }

    public Set<String> checkedFields() {
        return checked;
    }

    /** Marks a field as covered by a rule written out where it is checked (a cross-field or studio rule). */
    public void covered(String specField) {
        checked.add(specField);
    }

    /**
     * @param mandatory whether the studio needs a value even where the API would take none
     * @param hint      what a valid value looks like, for a value that fails the pattern
     * @return whether the value passed
     */
    public boolean text(String specField, String value, boolean mandatory, String label, String hint) {
        ApiRule rule = rule(specField);
        if (value == null || value.isEmpty()) {
            boolean optional = !mandatory && !rule.required();
            v.require(optional, label, "is required");
            return optional;
        }
        String problem = null;
        if (rule.max() != null && value.length() > rule.max()) {
            problem = "is " + count(value.length()) + " characters long; the limit is " + count(rule.max().longValue());
        } else if (!rule.enumValues().isEmpty() ? !rule.enumValues().contains(value)
                : rule.pattern() != null && !rule.compiledPattern().matcher(value).matches()) {
            problem = "'" + shown(value) + "' is not valid: " + hint;
        } else if (rule.min() != null && value.length() < rule.min()) {
            problem = "is " + value.length() + " characters long; it needs at least " + rule.min().longValue();
        }
        v.require(problem == null, label, String.valueOf(problem));
        return problem == null;
    }

    /** A number against the member's min and max; a float member must also fit a finite 32-bit float. */
    public void number(String specField, double value, String label) {
        ApiRule rule = rule(specField);
        if (Double.isNaN(value) || Double.isInfinite(value)
                || rule.type().equals("float") && Math.abs(value) > Float.MAX_VALUE) {
            v.require(false, label, "is " + value + "; it must be a finite number");
        } else if (rule.min() != null && value < rule.min()) {
            v.require(false, label, "is " + number(value) + "; the minimum is " + number(rule.min()));
        } else if (rule.max() != null && value > rule.max()) {
            v.require(false, label, "is " + number(value) + "; the maximum is " + number(rule.max()));
        }
    }

    /** The number of a list's items or a map's entries. */
    public void count(String specField, int size, String label, String items) {
        ApiRule rule = rule(specField);
        if (rule.max() != null && size > rule.max()) {
            v.require(false, label, size + " " + items + "; the limit is " + rule.max().longValue());
        } else if (rule.min() != null && size < rule.min()) {
            v.require(false, label, size + " " + items + "; at least " + rule.min().longValue() + " needed");
        }
    }

    /** The maximum length of a text member, for rules on values the studio composes (an uploaded URL). */
    public long maxLength(String specField) {
        checked.add(specField);
        return table.rule(members.apply(specField)).max().longValue();
    }

    private ApiRule rule(String specField) {
        checked.add(specField);
        return table.rule(members.apply(specField));
    }

    private static String shown(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "…";
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
