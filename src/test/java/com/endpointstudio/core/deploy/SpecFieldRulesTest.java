package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.rules.ApiRuleTable;
import com.endpointstudio.core.deploy.rules.SpecFields;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every field a spec can hold is checked against a rule: the API member it becomes, or a rule of the studio's. */
class SpecFieldRulesTest {

    /** Every field of the spec, by walking its records: lists as [], maps as {key} and {value}. */
    static Set<String> specFields() {
        Set<String> fields = new TreeSet<>();
        walk(DeploymentSpec.class, "", fields);
        return fields;
    }

    private static void walk(Class<?> record, String prefix, Set<String> fields) {
        for (RecordComponent component : record.getRecordComponents()) {
            walkType(component.getGenericType(), prefix + component.getName(), fields);
        }
    }

    private static void walkType(Type type, String path, Set<String> fields) {
        if (type instanceof Class<?> plain && plain.isRecord()) {
            walk(plain, path + ".", fields);
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            fields.add(path);
            Type item = generic.getActualTypeArguments()[0];
            if (item instanceof Class<?> c && c.isRecord()) {
                walk(c, path + "[].", fields);
            } else {
                fields.add(path + "[]");
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            fields.add(path);
            fields.add(path + "{key}");
            fields.add(path + "{value}");
        } else {
            fields.add(path);
        }
    }

    @Test
    void everySpecFieldBecomesAnApiMemberOrIsAStudioFieldWithItsRule() {
        Set<String> unmapped = new TreeSet<>(specFields());
        unmapped.removeAll(SpecFields.API_MEMBERS.keySet());
        unmapped.removeAll(SpecFields.STUDIO_FIELDS.keySet());
        assertThat(unmapped).as("spec fields without a rule").isEmpty();
        Set<String> both = new HashSet<>(SpecFields.API_MEMBERS.keySet());
        both.retainAll(SpecFields.STUDIO_FIELDS.keySet());
        assertThat(both).isEmpty();
        assertThat(specFields()).containsAll(SpecFields.API_MEMBERS.keySet())
                .containsAll(SpecFields.STUDIO_FIELDS.keySet());
    }

    @Test
    void everyApiMemberNamedIsInTheGeneratedTable() {
        ApiRuleTable table = ApiRuleTable.bundled();
        assertThat(SpecFields.API_MEMBERS.values()).allSatisfy(member -> assertThat(table.has(member)).as(member)
                .isTrue());
    }

    /** Specs that hold every option between them: the validator's checks reach every field of the spec. */
    @Test
    void theValidatorChecksEveryFieldOfASpecThatHoldsEachOption() {
        SpecValidator validator = SpecValidator.forWorkingFolder();
        Set<String> checked = new TreeSet<>();
        for (DeploymentSpec spec : List.of(everything(), serverless(), TestSpecs.components("ic"))) {
            assertThat(validator.errors(spec)).as("the full spec is valid").isEmpty();
            checked.addAll(validator.checkedFields(spec));
        }
        assertThat(checked).containsAll(specFields());
    }

    static DeploymentSpec everything() {
        ContainerSpec first = new ContainerSpec(TestSpecs.IMAGE, TestSpecs.PYTORCH, new ModelDataSpec(
                "s3://models/a/model.tar.gz", "team-models", "prefix", false), Map.of("A", "1"), "first", "SingleModel");
        ContainerSpec second = new ContainerSpec(TestSpecs.IMAGE, null, new ModelDataSpec("s3://models/b/", null, null,
                true), Map.of("B", "2"), "second", null);
        ModelSpec model = new ModelSpec("all-model", TestSpecs.ROLE, List.of(first, second), "Direct",
                new VpcSpec(List.of("sg-0123"), List.of("subnet-0123")), true);
        VariantSpec variant = new VariantSpec("AllTraffic", "all-model", "ml.m5.large", 2, 1.0, null,
                new AutoScalingSpec(0, 4, 70, 300, 60));
        EndpointConfigSpec config = new EndpointConfigSpec("all-config", List.of(variant),
                new AsyncSpec("s3://results/out", "s3://results/failed", "arn:aws:sns:us-east-1:123456789012:ok",
                        "arn:aws:sns:us-east-1:123456789012:failed", 4, "alias/results"),
                new DataCaptureSpec(50, "s3://capture/all", true, true, List.of("application/json"),
                        List.of("text/csv"), "alias/capture"), "alias/volumes");
        return new DeploymentSpec(1, List.of(model), config, new EndpointSpec("all", Map.of("team", "ml")));
    }

    static DeploymentSpec serverless() {
        ModelSpec model = new ModelSpec("sls-model", TestSpecs.ROLE, List.of(new ContainerSpec(TestSpecs.IMAGE, null,
                new ModelDataSpec("s3://models/a/model.tar.gz", null, null, false), Map.of(), null, null)), null, null,
                false);
        VariantSpec variant = new VariantSpec("AllTraffic", "sls-model", null, 0, 1.0, new ServerlessSpec(2048, 10, 2),
                null);
        return new DeploymentSpec(1, List.of(model), new EndpointConfigSpec("sls-config", List.of(variant)),
                new EndpointSpec("sls", Map.of()));
    }
}
