package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.TestSpecs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A spec opened in the wizard's forms keeps its own resource names until the endpoint is renamed. */
class DeployDraftTest {

    private static ModelSpec model(String name, String data) {
        return new ModelSpec(name, TestSpecs.ROLE, List.of(new ContainerSpec(TestSpecs.IMAGE, null,
                new ModelDataSpec(data, null, null, false), Map.of(), null, null)), null, null, false);
    }

    @Test
    void aSpecsOwnNamesAreKeptUntilTheEndpointIsRenamed() {
        DeploymentSpec legacy = new DeploymentSpec(1, List.of(model("churn-v1", "s3://m/a.tar.gz"),
                model("churn-v2-candidate", "s3://m/b.tar.gz")), new EndpointConfigSpec("churn-2026-11",
                List.of(new VariantSpec("Current", "churn-v1", "ml.m5.large", 1, 0.9),
                        new VariantSpec("Candidate", "churn-v2-candidate", "ml.m5.large", 1, 0.1))),
                new EndpointSpec("churn", Map.of()));
        DeployDraft draft = new DeployDraft();
        draft.load(legacy);

        DeploymentSpec same = draft.toSpec();
        assertThat(draft.advanced.get()).isNull();
        assertThat(same.models()).isEqualTo(legacy.models());
        assertThat(same.endpointConfig().name()).isEqualTo("churn-2026-11");
        assertThat(same.endpointConfig().variants()).isEqualTo(legacy.endpointConfig().variants());

        draft.name.set("churn-staging");
        DeploymentSpec renamed = draft.toSpec();
        assertThat(renamed.models()).extracting(ModelSpec::name)
                .containsExactly("churn-staging-model", "churn-staging-candidate-model");
        assertThat(renamed.endpointConfig().name()).isEqualTo("churn-staging-config");
        assertThat(renamed.endpointConfig().variants()).extracting(VariantSpec::modelName)
                .containsExactly("churn-staging-model", "churn-staging-candidate-model");
    }

    @Test
    void aFurtherVariantsArtifactOfTheSameFileNameUploadsToAKeyOfItsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String a = com.endpointstudio.testing.TestArchives.model(dir.resolve("a/model.tar.gz"), "a").toString();
        String b = com.endpointstudio.testing.TestArchives.model(dir.resolve("b/model.tar.gz"), "b").toString();
        DeployDraft draft = new DeployDraft();
        draft.name.set("churn");
        draft.modelData.set(a);
        draft.image.set(TestSpecs.IMAGE);
        draft.role.set(TestSpecs.ROLE);
        VariantDraft challenger = new VariantDraft();
        challenger.variantName.set("Challenger");
        challenger.image.set(TestSpecs.IMAGE);
        challenger.modelData.set(b);
        draft.moreVariants.add(challenger);

        DeploymentSpec spec = draft.toSpec();
        assertThat(com.endpointstudio.core.deploy.SpecValidator.forWorkingFolder().errors(spec)).isEmpty();
        var uploads = new com.endpointstudio.core.deploy.export.ExportPlan(spec).uploads();
        assertThat(uploads).extracting(u -> u.target().key()).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("endpoint-studio/[0-9a-f]{64}/model\\.tar\\.gz"));
    }

    @Test
    void theComponentOptionMakesAnEndpointOfOneComponentAndOpensAgainInTheForms() {
        DeployDraft draft = new DeployDraft();
        draft.name.set("churn");
        draft.modelData.set("s3://m/a.tar.gz");
        draft.image.set(TestSpecs.IMAGE);
        draft.role.set(TestSpecs.ROLE);
        draft.component.enabled.set(true);
        draft.component.cpuCores.set("2");
        draft.component.memoryMb.set("2048");
        draft.component.copies.set(1);
        draft.scaling.enabled.set(true);
        draft.scaling.min.set(0);
        draft.scaling.max.set(3);
        draft.scaling.target.set("20");

        DeploymentSpec spec = draft.toSpec();
        VariantSpec variant = spec.endpointConfig().variants().get(0);
        assertThat(variant.modelName()).isNull();
        assertThat(variant.autoScaling()).isNull();
        assertThat(variant.managedScaling()).isEqualTo(new DeploymentSpec.ManagedScalingSpec(0, 1));
        assertThat(spec.endpointConfig().executionRoleArn()).isEqualTo(TestSpecs.ROLE);
        assertThat(spec.inferenceComponents()).containsExactly(new DeploymentSpec.InferenceComponentSpec("churn-ic",
                "AllTraffic", "churn-model", new DeploymentSpec.ComputeSpec(2.0, null, 2048, null), 1,
                new DeploymentSpec.CopyScalingSpec(0, 3, 20, 300, 60)));

        DeployDraft again = new DeployDraft();
        again.load(spec);
        assertThat(again.advanced.get()).isNull();
        assertThat(again.component.enabled.get()).isTrue();
        assertThat(again.component.memoryMb.get()).isEqualTo("2048");
        assertThat(again.scaling.min.get()).isZero();
        assertThat(again.toSpec()).isEqualTo(spec);
    }

    @Test
    void aSpecOfComponentsTheFormsDoNotHoldIsKeptWhole() {
        DeploymentSpec two = new DeploymentSpec(1, List.of(model("a-model", "s3://m/a.tar.gz"),
                model("b-model", "s3://m/b.tar.gz")), new EndpointConfigSpec("shared-config",
                List.of(new VariantSpec("AllTraffic", null, "ml.g5.2xlarge", 1, 1.0)), null, null, null, TestSpecs.ROLE),
                new EndpointSpec("shared", Map.of()), List.of(
                        new DeploymentSpec.InferenceComponentSpec("a-ic", "AllTraffic", "a-model",
                                new DeploymentSpec.ComputeSpec(1.0, null, 1024, null), 1, null),
                        new DeploymentSpec.InferenceComponentSpec("b-ic", "AllTraffic", "b-model",
                                new DeploymentSpec.ComputeSpec(1.0, null, 1024, null), 1, null)));
        DeployDraft draft = new DeployDraft();
        draft.load(two);

        assertThat(draft.advanced.get()).isEqualTo(two);
        assertThat(draft.component.enabled.get()).isFalse();
        assertThat(draft.toSpec()).isEqualTo(two);
    }
}
