package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {

    @Test
    void theSimpleRealTimeSpecDerivesItsNamesAndFillsTheFrameworkEnvironment() {
        DeploymentSpec spec = SpecDefaults.realTime("churn").image(TestSpecs.IMAGE).framework(TestSpecs.PYTORCH)
                .modelData("s3://bucket/churn/model.tar.gz").executionRole(TestSpecs.ROLE)
                .instanceType("ml.c5.large").region("eu-west-1").tag("team", "data").build();

        assertThat(spec.specVersion()).isEqualTo(DeploymentSpec.CURRENT_VERSION);
        assertThat(spec.models()).singleElement().satisfies(model -> {
            assertThat(model.name()).isEqualTo("churn-model");
            assertThat(model.executionRoleArn()).isEqualTo(TestSpecs.ROLE);
            ContainerSpec container = model.containers().get(0);
            assertThat(container.image()).isEqualTo(TestSpecs.IMAGE);
            assertThat(container.modelData().location()).isEqualTo("s3://bucket/churn/model.tar.gz");
            assertThat(container.environment()).isEqualTo(Map.of(
                    "SAGEMAKER_PROGRAM", "inference.py",
                    "SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code",
                    "SAGEMAKER_CONTAINER_LOG_LEVEL", "20",
                    "SAGEMAKER_REGION", "eu-west-1"));
        });
        assertThat(spec.endpointConfig().name()).isEqualTo("churn-config");
        assertThat(spec.endpointConfig().variants())
                .containsExactly(new VariantSpec("AllTraffic", "churn-model", "ml.c5.large", 1, 1.0));
        assertThat(spec.endpoint().name()).isEqualTo("churn");
        assertThat(spec.endpoint().tags()).containsEntry("team", "data").containsKey(StudioTags.DEPLOYMENT_KEY);
        assertThat(SpecValidator.forWorkingFolder().errors(spec)).isEmpty();
    }

    @Test
    void aCustomImageGetsNoFrameworkEnvironment() {
        DeploymentSpec spec = SpecDefaults.realTime("custom").image(TestSpecs.IMAGE).executionRole(TestSpecs.ROLE)
                .instanceType("ml.m5.large").region("us-east-1").build();

        assertThat(spec.models().get(0).containers().get(0).environment()).isEmpty();
    }

    @Test
    void aLongNameIsShortenedSoEveryDerivedNameFitsIn63Characters() {
        String name = "a".repeat(56) + "-" + "b".repeat(10);
        DeploymentSpec spec = SpecDefaults.realTime(name).image(TestSpecs.IMAGE).executionRole(TestSpecs.ROLE)
                .instanceType("ml.m5.large").build();

        // Cut after the hyphen: the dangling hyphen goes, so "--model" never appears.
        assertThat(spec.models().get(0).name()).isEqualTo("a".repeat(56) + "-model").hasSize(62);
        assertThat(spec.endpointConfig().name()).isEqualTo("a".repeat(56) + "-config").hasSize(63);
        assertThat(spec.endpoint().name()).isEqualTo("a".repeat(56) + "-" + "b".repeat(6)).hasSize(63);
        assertThat(SpecValidator.forWorkingFolder().errors(spec)).isEmpty();
    }

    @Test
    void everyDeploymentGetsItsOwnId() {
        var builder = SpecDefaults.realTime("twice").image(TestSpecs.IMAGE);
        assertThat(builder.build().endpoint().tags().get(StudioTags.DEPLOYMENT_KEY))
                .isNotEqualTo(builder.build().endpoint().tags().get(StudioTags.DEPLOYMENT_KEY));
    }

    @Test
    void theStudioTagsMarkEveryResourceAndIdentifyTheDeployment() {
        DeploymentSpec spec = TestSpecs.simple("tagged");

        Map<String, String> tags = StudioTags.forResources(spec);

        assertThat(tags).containsEntry(StudioTags.MANAGED_KEY, "true")
                .containsEntry(StudioTags.DEPLOYMENT_KEY, "dep-tagged");
        assertThat(StudioTags.isManaged(tags)).isTrue();
        assertThat(StudioTags.belongsTo(tags, "dep-tagged")).isTrue();
        assertThat(StudioTags.belongsTo(tags, "dep-other")).isFalse();
        assertThat(StudioTags.isManaged(Map.of("team", "data"))).isFalse();
        assertThat(StudioTags.belongsTo(Map.of(StudioTags.DEPLOYMENT_KEY, "dep-tagged"), "dep-tagged"))
                .as("an id alone, without the studio's mark, is not enough").isFalse();
    }
}
