package com.endpointstudio.ui.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Walks the deploy wizard to an InService endpoint on moto server, then rolls a failed run back. */
@ExtendWith(MotoExtension.class)
class DeployToAwsTest extends FxRobot {

    private static Stage stage;

    @TempDir
    Path dir;

    private StudioServices services;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        services.close();
    }

    @Test
    void deploysThroughTheWizardWithALiveTimeline(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        StudioWindow[] window = new StudioWindow[1];
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            window[0] = new StudioWindow(services, startup, stage);
            stage.setScene(window[0].createScene());
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
            window[0].shell().show("deploy");
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "timeline");

        clickOn("#deployStep");
        assertThat(lookup("#deployButton").queryButton().isDisabled()).isTrue();
        assertThat(lookup("#deployTarget").queryLabeled().getText()).contains("Fix the problems");

        interact(() -> {
            var connections = window[0].shell().connections();
            connections.save(moto.connection());
            connections.activate(moto.connection());
        });
        clickOn("#modelStep");
        interact(() -> {
            lookup("#nameField").queryTextInputControl().setText("churn");
            lookup("#modelDataField").queryTextInputControl().setText(artifact.toString());
            lookup("#frameworkChoice").<String>queryComboBox().setValue("xgboost");
            lookup("#versionChoice").<String>queryComboBox().setValue("1.7-1");
        });
        try (var session = services.sessions().open(moto.connection())) {
            session.client(software.amazon.awssdk.services.iam.IamClient.builder()).createRole(r -> r
                    .roleName("SageMakerRole").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                            + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}"));
        }
        clickOn("List roles");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#rolePicker").queryComboBox().getItems().isEmpty());
        interact(() -> lookup("#rolePicker").<String>queryComboBox().getSelectionModel().select(0));
        assertThat(lookup("#roleField").queryTextInputControl().getText())
                .isEqualTo("arn:aws:iam::123456789012:role/SageMakerRole");
        clickOn("#deployStep");
        assertThat(lookup("#deployButton").queryButton().isDisabled()).isFalse();
        clickOn("#deployButton");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));
        } catch (java.util.concurrent.TimeoutException e) {
            // what the deploy step said then: a Deploy withdrawn, a doctor still checking, a run under way
            throw new AssertionError("No InService within 30 s. The deploy step said: \""
                    + lookup("#deployTarget").queryLabeled().getText() + "\"; outcome: \""
                    + lookup("#deployOutcome").queryLabeled().getText() + "\"; timeline: "
                    + lookup("#timelineList").<DeploymentEvent>queryListView().getItems(), e);
        }

        assertThat(lookup("#timelineList").<DeploymentEvent>queryListView().getItems()).extracting(DeploymentEvent::step)
                .contains("CreateModel churn-model", "CreateEndpointConfig churn-config", "CreateEndpoint churn");
        assertThat(lookup("#rollbackButton").queryButton().isDisabled()).isTrue();
        try (var session = services.sessions().open(moto.connection())) {
            assertThat(session.client(SageMakerClient.builder()).describeEndpoint(r -> r.endpointName("churn"))
                    .endpointStatusAsString()).isEqualTo("InService");
        }

        clickOn("#deployButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").queryLabeled().getText().startsWith("Failed"));
        assertThat(lookup("#deployOutcome").queryLabeled().getText()).contains("already exist");
    }

    @Test
    void aDeploymentInterruptedByAStopIsOfferedForResumeAtTheNextStart(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            StudioWindow first = new StudioWindow(services, startup, stage);
            first.shell().connections().save(moto.connection());
            first.shell().connections().activate(moto.connection());
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(services.paths().settingsFile())
                && java.nio.file.Files.readString(services.paths().settingsFile()).contains(moto.connection().id()));
        var spec = com.endpointstudio.core.deploy.SpecDefaults.realTime("resumed")
                .image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                .modelData("s3://bucket/model.tar.gz").executionRole("arn:aws:iam::123456789012:role/SageMakerRole")
                .instanceType("ml.m5.large").build();
        try (var session = services.sessions().open(moto.connection())) {
            new com.endpointstudio.core.deploy.run.DeploymentRunner(
                    com.endpointstudio.hosting.aws.AwsHosting.of(session),
                    new com.endpointstudio.core.deploy.run.DeploymentJournal(services.paths().dataDir().resolve("deployments")),
                    java.time.Duration.ofMillis(50), java.time.Duration.ofMinutes(1))
                    .plan(spec, moto.connection().id(), true); // journaled as running, then the studio "stops"
        }

        StudioStartup restart = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            StudioWindow window = new StudioWindow(services, restart, stage);
            stage.setScene(window.createScene());
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("Resume").tryQuery().isPresent());
        assertThat(lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .contains("resumed").contains("interrupted");
        clickOn("Resume");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> lookup("#deployOutcome").tryQuery().isPresent()
                        && lookup("#deployOutcome").queryLabeled().getText().contains("InService"));
        try (var session = services.sessions().open(moto.connection())) {
            assertThat(session.client(SageMakerClient.builder()).describeEndpoint(r -> r.endpointName("resumed"))
                    .endpointStatusAsString()).isEqualTo("InService");
        }
    }
}
