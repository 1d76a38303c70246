package com.endpointstudio.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.doctor.DoctorFinding;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import com.endpointstudio.ui.endpoints.EndpointRow;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The deploy doctor on screen: the wizard's review names a script's error and holds Deploy back, the
 * trial on this computer fails the way SageMaker would, and the Endpoints screen diagnoses the Failed
 * endpoint and reproduces it.
 */
class DeployDoctorScreenTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void theReviewHoldsDeployBackTheTrialFailsAndTheFailedEndpointIsDiagnosed() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        open(services, studio -> { });
        Path sound = dir.resolve("houses.tar.gz");
        buildSampleArchive(sound);
        // the scikit-learn container needs model_fn: this script names it otherwise
        PackageTree tree = SampleModel.tree();
        tree.putText("code/inference.py", tree.text("code/inference.py").replace("def model_fn(", "def load_model("));
        Path broken = dir.resolve("broken.tar.gz");
        new ModelPackager().build(tree.toPlan(), Set.of(), broken, Compression.FAST, false, ProgressListener.NONE,
                CancelToken.none());

        clickOn("#deployButton");
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> lookup("#modelDataField").queryTextInputControl().setText(broken.toString()));
        interact(() -> lookup("#frameworkChoice").<String>queryComboBox().setValue("sklearn"));
        clickOn("#reviewStep");
        ListView<DoctorFinding> findings = lookup("#doctorFindings").query();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> findings.getItems().stream().anyMatch(f ->
                f.severity() == com.endpointstudio.core.packaging.Severity.ERROR && f.message().contains("Defines no model_fn")));
        long errors = findings.getItems().stream()
                .filter(f -> f.severity() == com.endpointstudio.core.packaging.Severity.ERROR).count();
        assertThat(lookup("#doctorSummary").queryLabeled().getText()).isEqualTo("The deploy doctor found "
                + (errors == 1 ? "1 error" : errors + " errors")
                + " that would make the endpoint fail: fix them before deploying.");

        clickOn("#deployStep");
        Node deploy = lookup("#deployButton").match(Node::isVisible).query();
        assertThat(deploy.isDisabled()).isTrue();
        assertThat(lookup("#deployTarget").queryLabeled().getText())
                .isEqualTo("The deploy doctor found errors: fix them on the review page first.");

        clickOn("#reviewStep");
        interact(() -> lookup("#sampleField").queryTextInputControl().setText("[[3, 80, 12]]"));
        clickOn("#tryButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> lookup("#trialOutcome").queryLabeled().getText()
                .startsWith("On this computer houses-local is Failed"));
        assertThat(lookup("#trialOutcome").queryLabeled().getText()).contains("model_fn");

        // the trial's Failed endpoint on the Endpoints screen: its Diagnosis tab names the cause
        interact(() -> window.shell().show("endpoints"));
        clickOn("#loadButton");
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.name().equals("houses-local")));
        interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.name().equals("houses-local")).findFirst().orElseThrow()));
        clickOn("Diagnosis");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#diagnosisArea").queryTextInputControl().getText()
                .contains("model_fn"));
        assertThat(lookup("#diagnosisArea").queryTextInputControl().getText()).contains("Cause:");
        // a Local endpoint already runs here: nothing to reproduce
        assertThat(lookup("#reproduceRow").query().isVisible()).isFalse();
    }
}
