package com.endpointstudio.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.recommend.RecommendSample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.scene.chart.BarChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The deploy wizard's "Recommend…" on moto: samples from the console's history, measure two types,
 * chart them, use the cheaper as the variant.
 */
@ExtendWith(MotoExtension.class)
class RecommendDialogTest extends StudioUiTest {

    @TempDir
    Path dir;

    @Test
    void theRecommendedTypeBecomesTheVariantWithTheCountTheTargetNeeds(MotoServer moto) throws Exception {
        moto.reset();
        moto.answerInvocations("[1]");
        Path artifact = com.endpointstudio.testing.TestArchives.model(dir.resolve("model.tar.gz"), "recommend");
        var services = moto.services(dir);
        InvocationHistory history = new InvocationHistory(services.paths().dataDir().resolve("console"));
        history.add(HistoryEntry.of(moto.connection().id(), new InvocationRequest("churn", "application/json",
                "application/json", "[[5, 120, 3]]".getBytes(StandardCharsets.UTF_8), null, null, null, null, null),
                new InvocationResult(200, "application/json", "[0.4]".getBytes(StandardCharsets.UTF_8), "AllTraffic",
                        null, Duration.ofMillis(8), null, null, "rid")));
        openOn(services, moto.connection(), "deploy");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#modelStep").tryQuery().isPresent());
        describeXgboostModel("churn", artifact, "arn:aws:iam::123456789012:role/SageMakerRole");
        clickOn("#endpointStep");
        clickOn("#recommendButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#estimateLabel").queryLabeled().getText()).startsWith("The run starts every candidate's");
        // the console's request to the endpoint is offered and filled in; the spec's sample is the other choice
        ComboBox<RecommendSample> samples = lookup("#sampleChoice").queryComboBox();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> samples.getItems().size() == 2);
        assertThat(lookup("#sampleBody").queryTextInputControl().getText()).isEqualTo("[[5, 120, 3]]");
        clickOn("#sampleChoice");
        clickOn(samples.getConverter().toString(samples.getItems().get(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(samples.getConverter().toString(samples.getItems().get(0)))
                .startsWith("The console's request to churn of ").endsWith("(application/json): [[5, 120, 3]]");
        assertThat(lookup("#sampleBody").queryTextInputControl().getText()).isEqualTo("3,80,12");
        // a problem shows at its field, and goes when the field is fixed
        interact(() -> {
            lookup("#candidatesField").queryTextInputControl().setText("ml.m5.large, ml.nope");
            lookup("#stepField").queryTextInputControl().setText("0");
        });
        javafx.scene.control.Control types = lookup("#candidatesField").query();
        javafx.scene.control.Control step = lookup("#stepField").query();
        javafx.scene.control.Control rps = lookup("#targetRpsField").query();
        assertThat(danger(types)).isTrue();
        assertThat(types.getTooltip().getText()).isEqualTo("'ml.nope' is not an endpoint instance type");
        assertThat(danger(step)).isTrue();
        assertThat(step.getTooltip().getText()).isEqualTo("must be a number above 0");
        assertThat(danger(rps)).isFalse();
        interact(() -> {
            lookup("#candidatesField").queryTextInputControl().setText("ml.m5.large, ml.c5.large");
            lookup("#targetRpsField").queryTextInputControl().setText("600");
            lookup("#p99Field").queryTextInputControl().setText("2000"); // moto answers slowly on a busy machine
            lookup("#stepField").queryTextInputControl().setText("0.3");
            lookup("#sampleBody").queryTextInputControl().setText("[[3, 80, 12]]");
        });
        assertThat(danger(types)).isFalse();
        assertThat(danger(step)).isFalse();
        assertThat(step.getTooltip()).isNull();
        double tableBefore = lookup("#recommendTable").queryTableView().getHeight();
        clickOn("#startRecommendButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> lookup("#recommendTable").queryTableView().getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        // the settings fold away for the figures, and say the goal they were measured against
        javafx.scene.control.Button settings = lookup("#settingsToggle").queryButton();
        assertThat(shown("#stepField")).as("the settings' fields").isFalse();
        assertThat(settings.getText()).isEqualTo("Settings: 600 requests/s, p99 ≤ 2000 ms");
        assertThat(lookup("#recommendTable").queryTableView().getHeight()).isGreaterThan(tableBefore + 100);

        TableView<Recommendation.Row> table = lookup("#recommendTable").queryTableView();
        Recommendation.Row chosen = table.getSelectionModel().getSelectedItem();
        // the cheapest way to serve the target is preselected (moto answers both types alike, so either may win)
        assertThat(table.getItems()).as(table.getItems().toString()).allMatch(row -> row.hourlyUsd() != null);
        assertThat(chosen.hourlyUsd()).isEqualTo(table.getItems().stream().mapToDouble(Recommendation.Row::hourlyUsd)
                .min().orElseThrow());
        assertThat(lookup("#recommendNote").queryLabeled().getText()).as("the selected row's note, whole")
                .isEqualTo(chosen.instanceType() + ": " + chosen.note());
        BarChart<?, ?> chart = lookup("#recommendChart").query();
        assertThat(chart.getData().get(0).getData()).hasSize(2);
        if (Boolean.getBoolean("studio.screenshots")) {
            for (String theme : java.util.List.of("light", "dark")) {
                interact(() -> {
                    javafx.stage.Window dialog = table.getScene().getWindow();
                    dialog.setWidth(1024);
                    dialog.setHeight(700);
                    javafx.application.Application.setUserAgentStylesheet(theme.equals("light")
                            ? new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()
                            : new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
                });
                WaitForAsyncUtils.waitForFxEvents();
                interact(() -> {
                    try {
                        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(table.getScene()
                                .snapshot(null), null), "png", Path.of("target", "recommend-" + theme + ".png").toFile());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
        interact(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        clickOn("#settingsToggle");
        assertThat(settings.getText()).as("the settings open again on demand").isEqualTo("Hide the settings");
        assertThat(shown("#stepField")).isTrue();
        clickOn("Use selected");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#instanceTypeChoice").<String>queryComboBox().getValue()).isEqualTo(chosen.instanceType());
        javafx.scene.control.Spinner<Integer> count = lookup("#countSpinner").query();
        assertThat(count.getValue()).isEqualTo(chosen.instances());
    }

    private static boolean danger(javafx.scene.Node node) {
        return node.getPseudoClassStates().contains(atlantafx.base.theme.Styles.STATE_DANGER);
    }
}
