package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.image.ImageCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecCloneTest {

    private final ImageCatalog catalog = ImageCatalog.load();

    @Test
    void aCloneIsNamedAfterItsNewEndpointAndKeepsEverythingElse() {
        DeploymentSpec spec = TestSpecs.twoModels("churn", "s3://b/a.tar.gz", "s3://b/b/", "bucket");
        SpecClone.Result clone = SpecClone.of(spec, "churn-staging", null, catalog);
        DeploymentSpec copy = clone.spec();
        assertThat(copy.endpoint().name()).isEqualTo("churn-staging");
        assertThat(copy.endpointConfig().name()).isEqualTo("churn-staging-config");
        assertThat(copy.models()).extracting(ModelSpec::name).containsExactly("churn-staging-1-model",
                "churn-staging-2-model");
        assertThat(copy.endpointConfig().variants()).extracting(DeploymentSpec.VariantSpec::modelName)
                .containsExactly("churn-staging-1-model", "churn-staging-2-model");
        assertThat(copy.models().get(0).containers()).isEqualTo(spec.models().get(0).containers());
        assertThat(copy.endpoint().tags()).containsEntry("stage", "test")
                .doesNotContainEntry(StudioTags.DEPLOYMENT_KEY, spec.endpoint().tags().get(StudioTags.DEPLOYMENT_KEY));
        assertThat(clone.notes()).isEmpty();
    }

    @Test
    void inAnotherRegionFrameworkImagesAreResolvedAgainAndWhatCantMoveIsSaid() {
        DeploymentSpec spec = TestSpecs.simple("churn");
        ContainerSpec own = new ContainerSpec("123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:1", null,
                spec.models().get(0).containers().get(0).modelData(), Map.of(), null, null);
        DeploymentSpec withOwn = new DeploymentSpec(1, List.of(new ModelSpec(spec.models().get(0).name(), TestSpecs.ROLE,
                List.of(own), null, null, false)), spec.endpointConfig(), spec.endpoint());
        ContainerSpec dlc = new ContainerSpec(TestSpecs.IMAGE, null, own.modelData(), Map.of(), null, null);
        DeploymentSpec withDlc = new DeploymentSpec(1, List.of(new ModelSpec(spec.models().get(0).name(), TestSpecs.ROLE,
                List.of(dlc), null, null, false)), spec.endpointConfig(), spec.endpoint());

        SpecClone.Result resolved = SpecClone.of(spec, "churn-eu", "eu-west-1", catalog);
        ContainerSpec container = resolved.spec().models().get(0).containers().get(0);
        assertThat(container.image()).isEqualTo("763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:"
                + "2.1.0-cpu-py310");
        assertThat(container.environment()).containsEntry("SAGEMAKER_REGION", "eu-west-1");
        assertThat(resolved.notes()).singleElement().asString().startsWith("Model data s3://models-bucket/churn/"
                + "model.tar.gz must be in a bucket of eu-west-1");

        assertThat(SpecClone.of(withDlc, "churn-eu", "eu-west-1", catalog).spec().models().get(0).containers().get(0)
                .image()).isEqualTo("763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310");
        assertThat(SpecClone.of(withOwn, "churn-eu", "eu-west-1", catalog).notes())
                .anySatisfy(note -> assertThat(note).startsWith("Image 123456789012.dkr.ecr.us-east-1.amazonaws.com/"
                        + "mine:1 is not one AWS publishes in every region: push it to eu-west-1"));
    }
}
