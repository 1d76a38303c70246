package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.export.ExportFormat;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Fills the deploy wizard as a user would and checks the review: field errors, spec, exports. */
class DeployWizardTest extends StudioUiTest {

    @TempDir
    Path dir;

    @BeforeEach
    void openDeploy() throws Exception {
        open(new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws"))),
                studio -> studio.shell().show("deploy"));
        // the deploy screen shows once the image and instance catalogs are read
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#reviewStep").tryQuery().isPresent());
    }

    private java.util.List<FieldError> problems() {
        return lookup("#problemsList").<FieldError>queryListView().getItems();
    }

    @Test
    void aMissingEndpointNameIsSaidOnceNotAgainThroughTheNamesDerivedFromIt() {
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems()).extracting(FieldError::field).contains("Endpoint name")
                .noneMatch(field -> field.endsWith("Model name") || field.equals("Endpoint config name"));
    }

    @Test
    void aBadValueMarksItsOwnFieldWithTheProblemAndFixingItClearsTheMark() {
        clickOn("#nameField").write("bad name!");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Control name = lookup("#nameField").query();
        assertThat(danger(name)).isTrue();
        assertThat(name.getTooltip().getText()).contains("'bad name!'").contains("letters, digits and hyphens");
        javafx.scene.control.Control image = lookup("#imageField").query();
        assertThat(danger(image)).as("a field without a problem stays as it was").isFalse();

        clickOn("#endpointStep");
        javafx.scene.control.Control variant = lookup("#variantField").query();
        assertThat(danger(variant)).isFalse();
        interact(() -> lookup("#variantField").queryTextInputControl().setText("all traffic"));
        assertThat(danger(variant)).isTrue();
        assertThat(variant.getTooltip().getText()).contains("'all traffic'");

        interact(() -> {
            lookup("#variantField").queryTextInputControl().setText("AllTraffic");
            lookup("#nameField").queryTextInputControl().setText("good-name");
        });
        assertThat(danger(variant)).isFalse();
        assertThat(variant.getTooltip()).isNull();
        assertThat(danger(name)).isFalse();
        assertThat(name.getTooltip()).isNull();

        // the field's label is the name the problem gives it
        clickOn("#modelStep");
        interact(() -> {
            lookup("#modelDataField").queryTextInputControl().setText("s3://models/houses/model.tar.gz");
            lookup("#prefixField").queryTextInputControl().setText("/models");
        });
        javafx.scene.control.Control prefix = lookup("#prefixField").query();
        assertThat(danger(prefix)).isTrue();
        assertThat(prefix.getTooltip().getText()).isEqualTo("must not start with /");
        assertThat(lookup(".label").<javafx.scene.control.Labeled>queryAll())
                .extracting(javafx.scene.control.Labeled::getText).contains("Upload prefix");
    }

    private static boolean danger(javafx.scene.Node node) {
        return node.getPseudoClassStates().contains(atlantafx.base.theme.Styles.STATE_DANGER);
    }

    @Test
    void fieldsAreCheckedWithTheApiRulesAndTheReviewExportsTheDeployment() throws Exception {
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "wizard");
        clickOn("#nameField").write("bad name!");
        clickOn("#modelDataField").write(artifact.toString());
        clickOn("#imageField").write("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:1.0");
        // Local hosting assumes no role: the field is hidden there, and a role typed before is still checked
        interact(() -> lookup("#roleField").queryTextInputControl().setText("not-a-role"));
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(problems()).extracting(FieldError::field).contains("Endpoint name", "Execution role ARN");
        assertThat(lookup("#saveSpecButton").queryButton().isDisabled()).isTrue();
        assertThat(lookup("#exportArea").queryTextInputControl().getText()).startsWith("# Fix the problems");

        clickOn("#modelStep");
        interact(() -> {
            lookup("#nameField").queryTextInputControl().setText("churn-model");
            lookup("#roleField").queryTextInputControl().setText("arn:aws:iam::123456789012:role/SageMakerExecution");
        });
        clickOn("#environmentArea").write("\nFEATURE_FLAGS=fast");
        clickOn("#nextButton");
        clickOn("#tagsArea").write("team=ml platform");
        clickOn("#nextButton");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(problems()).isEmpty();
        DeploymentSpec spec = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(spec.endpoint().name()).isEqualTo("churn-model");
        assertThat(spec.endpoint().tags()).containsEntry("team", "ml platform");
        assertThat(spec.models().get(0).containers().get(0).environment())
                .containsEntry("SAGEMAKER_PROGRAM", "inference.py").containsEntry("FEATURE_FLAGS", "fast");
        assertThat(spec.endpointConfig().variants().get(0).instanceType()).isEqualTo("ml.m5.large");

        exportShows("create_model");
        assertThat(lookup("#exportArea").queryTextInputControl().getText()).contains("create_model").contains("churn-model");
        interact(() -> lookup("#exportChoice").<ExportFormat>queryComboBox().setValue(ExportFormat.CLI));
        exportShows("aws sagemaker create-endpoint-config");

        Path saved = dir.resolve("churn.json");
        interact(() -> window.shell().selectedProperty().get()); // the review stays the current page
        DeployViewModel model = deployModel();
        interact(() -> model.saveSpec(saved));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(saved));
        assertThat(SpecFiles.read(saved).endpoint().name()).isEqualTo("churn-model");

        interact(() -> model.draft().name.set("other"));
        interact(() -> model.loadSpec(saved));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> lookup("#nameField").queryTextInputControl().getText().equals("churn-model"));
        assertThat(lookup("#tagsArea").queryTextInputControl().getText()).isEqualTo("team=ml platform");
    }

    @Test
    void theInstancePickerFiltersByAcceleratorMemoryAndPriceAndSetsTheChosenType() {
        clickOn("#endpointStep");
        assertThat(lookup("#instanceSummaryLabel").queryLabeled().getText()).isEqualTo("2 vCPU · 8 GiB");
        assertThat(lookup("#instanceCostLabel").queryLabeled().getText())
                .contains("1 × ml.m5.large in us-east-1: $0.1150 an hour, $83.95 a month");

        clickOn("#pickInstanceButton");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableView<com.endpointstudio.core.instance.InstanceOffer> table =
                lookup("#instanceTable").queryTableView();
        assertThat(table.getItems()).hasSize(277);
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo("ml.m5.large");
        javafx.scene.control.TableColumn<?, ?> plan = table.getColumns().get(table.getColumns().size() - 1);
        assertThat(plan.getText()).isEqualTo("3-yr plan,\nper hour");
        assertThat(plan.getCellData(table.getSelectionModel().getSelectedIndex())).isEqualTo(0.1150 * 0.47);

        interact(() -> lookup("#instanceAccelerator").<com.endpointstudio.core.instance.AcceleratorKind>queryComboBox()
                .setValue(com.endpointstudio.core.instance.AcceleratorKind.GPU));
        clickOn("#instanceMaxPrice").write("2");
        clickOn("#instanceSearch").write("a10g");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(com.endpointstudio.core.instance.InstanceOffer::name)
                .containsExactlyInAnyOrder("ml.g5.xlarge", "ml.g5.2xlarge");
        assertThat(lookup("#instanceCount").queryLabeled().getText()).isEqualTo("2 of 277 instance types");

        clickOn("#instanceMinMemory").write("32");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(com.endpointstudio.core.instance.InstanceOffer::name)
                .containsExactly("ml.g5.2xlarge");
        javafx.scene.Node row = from(table).lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> cell) -> cell.getItem() != null).query();
        doubleClickOn(row);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#instanceTypeChoice").<String>queryComboBox().getValue()).isEqualTo("ml.g5.2xlarge");
        assertThat(lookup("#instanceSummaryLabel").queryLabeled().getText())
                .isEqualTo("8 vCPU · 32 GiB · 1 × NVIDIA A10G (24 GiB)");
        interact(() -> deployModel().draft().instanceCount.set(2));
        assertThat(lookup("#instanceCostLabel").queryLabeled().getText())
                .startsWith("Local hosting runs on this computer at no charge. On AWS: 2 × ml.g5.2xlarge in us-east-1: "
                        + "$3.03 an hour, $2,211.90 a month")
                .contains("with a SageMaker Savings Plan $2.00 (1 year, no upfront) to $1.09 (3 years, all upfront, "
                        + "64 % off) an hour");
        clickOn("#reviewStep");
        assertThat(lookup("#reviewCostLabel").queryLabeled().getText()).startsWith("Estimated cost: Local hosting");
    }

    @Test
    void everyHostingOptionIsSetOnTheEndpointStepAndCheckedBeforeDeploying() throws Exception {
        DeployViewModel model = deployModel();
        interact(() -> {
            model.draft().name.set("opts");
            model.draft().modelData.set(archive("opts/model.tar.gz"));
            model.draft().image.set("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:1.0");
            model.draft().role.set("arn:aws:iam::123456789012:role/SageMakerExecution");
        });
        clickOn("#endpointStep");
        interact(() -> lookup("#hostingChoice").<DeployDraft.Hosting>queryComboBox().setValue(DeployDraft.Hosting.SERVERLESS));
        assertThat(lookup("#instanceTypeRow").query().isVisible()).isFalse();
        assertThat(lookup("#countSpinner").query().isVisible()).isFalse();
        assertThat(lookup("#instanceCostLabel").queryLabeled().getText()).startsWith("Serverless: no hourly cost");
        interact(() -> lookup("#serverlessMemoryChoice").<Integer>queryComboBox().setValue(4096));
        clickOn("#provisionedField").write("2");
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems()).isEmpty();
        DeploymentSpec serverless = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(serverless.endpointConfig().variants().get(0).serverless())
                .isEqualTo(new DeploymentSpec.ServerlessSpec(4096, 5, 2));
        exportShows("ServerlessConfig");

        clickOn("#endpointStep");
        interact(() -> lookup("#hostingChoice").<DeployDraft.Hosting>queryComboBox().setValue(DeployDraft.Hosting.ASYNC));
        // autoscaling is AWS's: its fields are hidden on Local, where the studio starts, and kept in the spec
        assertThat(lookup("#autoScalingCheck").query().getParent().isVisible()).isFalse();
        interact(() -> {
            model.draft().scaling.enabled.set(true);
            model.draft().scaling.min.set(3);
            model.draft().scaling.max.set(2);
        });
        interact(() -> lookup("#captureCheck").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problems()).extracting(FieldError::field).contains("Async output path",
                "Variant AllTraffic: Autoscaling maximum", "Data capture destination");

        clickOn("#endpointStep");
        interact(() -> lookup("#captureJsonField").queryTextInputControl().setText("application/json, application/jsonlines"));
        clickOn("#asyncOutputField").write("s3://results/opts");
        interact(() -> lookup("#captureDestinationField").queryTextInputControl().setText("s3://capture/opts"));
        interact(() -> model.draft().scaling.max.set(5));
        interact(() -> model.draft().scaling.min.set(1));
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        // valid for SageMaker, and for the Local connection the studio starts on (asynchronous, with capture)
        assertThat(problems()).isEmpty();
        DeploymentSpec async = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(async.endpointConfig().async().s3OutputPath()).isEqualTo("s3://results/opts");
        assertThat(async.endpointConfig().dataCapture().destinationS3Uri()).isEqualTo("s3://capture/opts");
        assertThat(async.endpointConfig().dataCapture().jsonContentTypes())
                .containsExactly("application/json", "application/jsonlines");
        assertThat(async.endpointConfig().dataCapture().csvContentTypes()).containsExactly("text/csv");
        assertThat(async.endpointConfig().variants().get(0).autoScaling().maxInstances()).isEqualTo(5);
        assertThat(new com.endpointstudio.core.deploy.SpecValidator(dir).errors(async)).isEmpty();
        assertThat(ExportFormat.BOTO3.exporter().export(async)).contains("AsyncInferenceConfig")
                .contains("register_scalable_target").contains("DataCaptureConfig");
    }

    @Test
    void aSpecTheFormsCannotHoldIsKeptWholeAndSaid() throws Exception {
        Path file = dir.resolve("two.json");
        // the second variant's model runs outside the first one's VPC: the forms share one network setting
        SpecFiles.write(file, com.endpointstudio.core.deploy.TestSpecs.twoModels("two", "s3://m/a.tar.gz",
                "s3://m/b/", "bucket"));
        DeployViewModel model = deployModel();
        interact(() -> model.loadSpec(file));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "two".equals(model.draft().name.get()));
        clickOn("#endpointStep");
        assertThat(lookup("#advancedLabel").queryLabeled().getText()).startsWith("This spec has 2 models, 2 containers");
        assertThat(lookup("#variantsHolder").query().isDisabled()).isTrue();
        clickOn("#reviewStep");
        DeploymentSpec review = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(review.models()).extracting(DeploymentSpec.ModelSpec::name).containsExactly("two-a", "two-b");
        assertThat(review.models().get(1).vpc()).isNull();
    }

    @Test
    void aPipelineSpecOpensInTheContainerFormsAndComesBackTheSame() throws Exception {
        Path file = dir.resolve("pipe.json");
        DeploymentSpec pipeline = com.endpointstudio.core.deploy.TestSpecs.pipeline("pipe");
        SpecFiles.write(file, pipeline);
        DeployViewModel model = deployModel();
        interact(() -> model.loadSpec(file));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "pipe".equals(model.draft().name.get()));
        scrollDown("#modelPane");
        assertThat(lookup("#executionModeChoice").<DeployDraft.ExecutionMode>queryComboBox().getValue())
                .isEqualTo(DeployDraft.ExecutionMode.SERIAL);
        assertThat(lookup("#hostnameField").queryTextInputControl().getText()).isEqualTo("preprocess");
        assertThat(lookup("#containerList").queryListView().getItems()).hasSize(1);
        clickOn(lookup("#containerList .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertThat(lookup("#containerHostnameField").queryTextInputControl().getText()).isEqualTo("predict");
        assertThat(lookup("#containerEnvironmentArea").queryTextInputControl().getText()).isEqualTo("STAGE=predict");
        clickOn("#reviewStep");
        DeploymentSpec review = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(review.models()).isEqualTo(pipeline.models());
        assertThat(review.endpointConfig().variants()).isEqualTo(pipeline.endpointConfig().variants());
    }

    @Test
    void containersAndVariantsAreAddedOrderedAndConfiguredInForms() throws Exception {
        DeployViewModel model = deployModel();
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:1.0";
        interact(() -> {
            model.draft().name.set("multi");
            model.draft().modelData.set(archive("multi/a.tar.gz"));
            model.draft().image.set(image);
            model.draft().role.set("arn:aws:iam::123456789012:role/SageMakerExecution");
        });
        scrollDown("#modelPane");
        interact(() -> lookup("#executionModeChoice").<DeployDraft.ExecutionMode>queryComboBox()
                .setValue(DeployDraft.ExecutionMode.DIRECT));
        scrollDown("#modelPane");
        clickOn("#addContainerButton");
        interact(() -> lookup("#containerHostnameField").queryTextInputControl().setText("scorer"));
        clickOn("#containerImageField").write(image.replace("my-image", "scorer"));
        interact(() -> lookup("#containerModelDataField").queryTextInputControl().setText(archive("multi/scorer.tar.gz")));
        clickOn("#containerEnvironmentArea").write("MODE=score");
        clickOn("#addContainerButton");
        interact(() -> lookup("#containerHostnameField").queryTextInputControl().setText("explainer"));
        clickOn("#containerImageField").write(image.replace("my-image", "explainer"));
        clickOn("#containerUpButton");
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        // Direct containers are invoked by hostname: the first one has none yet
        assertThat(problems()).extracting(FieldError::field).contains("Container hostname");

        clickOn("#modelStep");
        clickOn("#hostnameField").write("main");
        clickOn("#endpointStep");
        scrollDown("#endpointPane");
        clickOn("#addVariantButton");
        interact(() -> lookup("#variantNameField").queryTextInputControl().setText("Challenger"));
        interact(() -> lookup("#variantModelDataField").queryTextInputControl().setText(archive("multi/b.tar.gz")));
        interact(() -> lookup("#variantWeightField").queryTextInputControl().setText("1"));
        interact(() -> lookup("#variantInstanceTypeChoice").<String>queryComboBox().setValue("ml.c5.xlarge"));
        interact(() -> lookup("#weightField").queryTextInputControl().setText("3"));
        scrollDown("#endpointPane");
        clickOn("#variantAutoScalingCheck");
        interact(() -> lookup("#variantScaleMaxSpinner").<javafx.scene.control.Spinner<Integer>>query()
                .getValueFactory().setValue(3));
        assertThat(lookup("#trafficSplitLabel").queryLabeled().getText())
                .isEqualTo("Traffic: AllTraffic 75 %, Challenger 25 %");
        assertThat(lookup("#instanceCostLabel").queryLabeled().getText())
                .contains("2 variants (1 × ml.m5.large + 1 × ml.c5.xlarge) in us-east-1: $");

        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        // the studio starts on the Local connection, which serves each container's model folder: the explainer has none
        assertThat(problems()).extracting(FieldError::field).containsExactly("Model multi-model: Container 2: Model data");
        DeploymentSpec spec = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        var first = spec.models().get(0);
        assertThat(first.inferenceExecutionMode()).isEqualTo("Direct");
        assertThat(first.containers()).extracting(DeploymentSpec.ContainerSpec::hostname)
                .containsExactly("main", "explainer", "scorer");
        assertThat(first.containers().get(2).environment()).containsEntry("MODE", "score");
        assertThat(first.containers().get(2).modelData().location()).isEqualTo(archive("multi/scorer.tar.gz"));
        assertThat(spec.models()).hasSize(2);
        var challenger = spec.models().get(1);
        assertThat(challenger.executionRoleArn()).isEqualTo(first.executionRoleArn());
        assertThat(challenger.containers().get(0).modelData().location()).isEqualTo(archive("multi/b.tar.gz"));
        assertThat(spec.endpointConfig().variants()).extracting(DeploymentSpec.VariantSpec::variantName,
                DeploymentSpec.VariantSpec::modelName, DeploymentSpec.VariantSpec::instanceType,
                DeploymentSpec.VariantSpec::initialVariantWeight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AllTraffic", "multi-model", "ml.m5.large", 3.0),
                org.assertj.core.groups.Tuple.tuple("Challenger", "multi-challenger-model", "ml.c5.xlarge", 1.0));
        assertThat(spec.endpointConfig().variants().get(1).autoScaling())
                .isEqualTo(new DeploymentSpec.AutoScalingSpec(1, 3, 70, 300, 60));
        assertThat(spec.endpointConfig().variants().get(0).autoScaling()).isNull();
        assertThat(new com.endpointstudio.core.deploy.SpecValidator(dir).errors(spec)).isEmpty();
        assertThat(ExportFormat.BOTO3.exporter().export(spec)).contains("multi-challenger-model")
                .contains("ContainerHostname").contains("InferenceExecutionConfig");

        // the saved spec opens in the same forms
        interact(() -> model.applySpecJson(SpecFiles.toJson(spec)));
        assertThat(model.draft().advanced.get()).isNull();
        assertThat(model.draft().moreVariants).hasSize(1);
        assertThat(model.draft().moreContainers).hasSize(2);
        assertThat(model.spec()).isEqualTo(spec);
    }

    @Test
    void theSpecCanBeEditedAsJsonToAddAVariantAndIsCheckedOnApply() throws Exception {
        DeployViewModel model = deployModel();
        interact(() -> {
            model.draft().name.set("ab");
            model.draft().modelData.set(archive("ab/model.tar.gz"));
            model.draft().image.set("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-image:1.0");
            model.draft().role.set("arn:aws:iam::123456789012:role/SageMakerExecution");
        });
        clickOn("#reviewStep");
        WaitForAsyncUtils.waitForFxEvents();
        DeploymentSpec one = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        var variant = one.endpointConfig().variants().get(0);
        DeploymentSpec two = new DeploymentSpec(1, one.models(), new DeploymentSpec.EndpointConfigSpec(
                one.endpointConfig().name(), java.util.List.of(new DeploymentSpec.VariantSpec("blue", variant.modelName(),
                "ml.m5.large", 1, 0.8), new DeploymentSpec.VariantSpec("green", variant.modelName(), "ml.c5.large", 1,
                0.2))), one.endpoint());

        clickOn("#editSpecToggle");
        interact(() -> lookup("#specArea").queryTextInputControl().setText("{ not json"));
        clickOn("#applySpecButton");
        assertThat(lookup("#specEditProblem").queryLabeled().getText()).isNotBlank();

        interact(() -> lookup("#specArea").queryTextInputControl().setText(SpecFiles.toJson(two)));
        clickOn("#applySpecButton");
        WaitForAsyncUtils.waitForFxEvents();
        // valid for SageMaker, and for the Local connection the studio starts on
        assertThat(problems()).isEmpty();
        DeploymentSpec applied = SpecFiles.fromJson(lookup("#specArea").queryTextInputControl().getText(), "review");
        assertThat(applied.endpointConfig().variants()).extracting(DeploymentSpec.VariantSpec::variantName)
                .containsExactly("blue", "green");
        clickOn("#endpointStep");
        assertThat(lookup("#advancedLabel").queryLabeled().getText()).contains("2 variants");
    }

    @Test
    void aFrameworkChoiceResolvesTheImageForTheInstanceType() throws Exception {
        interact(() -> lookup("#frameworkChoice").<String>queryComboBox().setValue("sklearn"));
        interact(() -> lookup("#versionChoice").<String>queryComboBox().setValue("1.2-1"));
        assertThat(lookup("#imageField").queryTextInputControl().getText())
                .isEqualTo("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
        assertThat(lookup("#imageField").queryTextInputControl().isEditable()).isFalse();

        clickOn("#endpointStep");
        interact(() -> lookup("#instanceTypeChoice").<String>queryComboBox().setValue("ml.g5.xlarge"));
        clickOn("#reviewStep");
        assertThat(problems()).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("Container image");
            assertThat(p.message()).contains("gpu");
        });

        interact(() -> lookup("#instanceTypeChoice").<String>queryComboBox().setValue("ml.m7.nonsense"));
        assertThat(problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("Variant AllTraffic: Instance type"));

        clickOn("#modelStep");
        interact(() -> lookup("#frameworkChoice").<String>queryComboBox().setValue("custom image"));
        assertThat(lookup("#imageField").queryTextInputControl().isEditable()).isTrue();
    }

    /** As a user scrolls a step's page to reach the container and variant forms at its end. */
    private void scrollDown(String pane) {
        interact(() -> lookup(pane).<javafx.scene.control.ScrollPane>query().setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DeployViewModel deployModel() {
        return window.deploy();
    }

    /** The review's export is made off the FX thread (it reads local model data to name it by its digest). */
    private void exportShows(String text) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#exportArea").queryTextInputControl().getText().contains(text));
    }

    /** A model archive on this computer, which Local hosting serves (it refuses model data in S3). */
    private String archive(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            com.endpointstudio.testing.TestArchives.model(file, name);
        }
        return file.toString();
    }
}
