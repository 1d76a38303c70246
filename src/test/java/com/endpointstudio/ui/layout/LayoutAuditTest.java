package com.endpointstudio.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.settings.Theme;
import com.endpointstudio.testing.LayoutAudit;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Every screen and dialog, with realistic data (a sample endpoint deployed and called on Local,
 * endpoints of several kinds on an AWS connection), in the light and dark themes at 1024 × 700
 * and 1440 × 900: no text shows less than itself, nothing overlaps or leaves its pane or the
 * window. Each screenshot is saved under target/layout-audit; the README's gallery is made from
 * the 1024 × 700 ones ({@link Gallery}).
 */
@ExtendWith(MotoExtension.class)
class LayoutAuditTest extends StudioUiTest {

    static final Path SHOTS = Path.of("target", "layout-audit");
    private static final int[][] SIZES = {{1440, 900}, {1024, 700}};

    @TempDir
    Path dir;

    @Test
    void everyScreenAndDialogShowsAllItsTextAtBothSizesInBothThemes(MotoServer moto) throws Exception {
        moto.reset();
        seedAwsEndpoints(moto);
        Connection aws = Connection.aws("Team account", MotoServer.PROFILE, "us-east-1", moto.endpointUrl());
        open(moto.services(dir), studio -> studio.shell().connections().save(aws), SIZES[0][0], SIZES[0][1]);
        Stage stage = (Stage) window.root().getScene().getWindow();
        AuditContext studio = new AuditContext(this, window, services, aws, dir);
        firstSteps(studio);

        Map<String, List<String>> findings = new LinkedHashMap<>();
        // one pass per size, the larger first: a headless window never grows back past its pixel buffer
        for (int[] size : SIZES) {
            studio.fx(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            for (AuditedView view : AuditedViews.all()) {
                view.open().run(studio);
                Scene scene = view.dialog() ? dialogScene(stage) : stage.getScene();
                for (Theme theme : Theme.values()) {
                    studio.fx(() -> window.shell().settings().themeProperty().set(theme));
                    String combo = theme.name().toLowerCase() + " " + size[0] + "×" + size[1];
                    studio.onFx(() -> {
                        scene.getRoot().applyCss();
                        scene.getRoot().layout();
                        scene.getRoot().layout(); // a scroll pane settles its bars in a second pass, as the next pulse would
                        List<String> found = new ArrayList<>(LayoutAudit.of(scene));
                        if (view.dialog() && (scene.getWidth() > size[0] || scene.getHeight() > size[1])) {
                            found.add("the dialog is larger than the window");
                        }
                        found.forEach(f -> findings.computeIfAbsent(view.name() + ": " + f, k -> new ArrayList<>())
                                .add(combo));
                        save(scene, SHOTS.resolve(shotName(theme, size, view)));
                        return null;
                    });
                }
                if (view.dialog()) {
                    close(scene);
                }
            }
        }
        if (Boolean.getBoolean("studio.gallery")) {
            Gallery.update(AuditedViews.all(), SHOTS.resolve("light-1024x700"), Path.of("README.md"));
        }
        assertThat(findings.entrySet().stream().map(e -> e.getKey() + "  [" + String.join(", ", e.getValue()) + "]")
                .toList()).as("layout findings").isEmpty();
    }

    /** The README's first steps on Local: the sample built and deployed as houses, called, load-tested. */
    private void firstSteps(AuditContext studio) throws Exception {
        buildSampleArchive(dir.resolve("houses.tar.gz"));
        Files.writeString(dir.resolve("rows.csv"), "3,80,12\n2,50,30\n");
        clickOn("#deployButton");
        studio.fx(() -> window.deploy().stepProperty().set(com.endpointstudio.ui.deploy.DeployViewModel.Step.DEPLOY));
        studio.click("#deployButton");
        studio.waitUntil(60, () -> lookup("#deployOutcome").queryLabeled().getText().contains("InService"));
        studio.show("console", studio.local());
        studio.fx(() -> window.console().useEndpoint("houses"));
        studio.fx(() -> window.console().editor().bodyTextProperty().set("[[3, 80, 12], [2, 50, 30]]"));
        for (int i = 0; i < 3; i++) {
            studio.fx(() -> window.console().send());
            studio.waitUntil(20, () -> !window.console().response().sendingProperty().get());
        }
        studio.fx(() -> window.console().loadTest().start());
        studio.waitUntil(60, () -> window.console().loadTest().reportProperty().get() != null
                && !window.console().loadTest().runningProperty().get());
        studio.show("metrics", studio.local());
        studio.fx(() -> window.metrics().useEndpoint("houses"));
    }

    /** Endpoints of every kind on the AWS connection: instances (CPU and GPU, several variants) and serverless. */
    private void seedAwsEndpoints(MotoServer moto) throws IOException {
        Tag managed = Tag.builder().key(StudioTags.MANAGED_KEY).value(StudioTags.MANAGED_VALUE).build();
        try (var seeding = moto.services(dir.resolve("seed"));
             var session = seeding.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            for (String model : new String[] {"churn-xgboost", "vision-resnet50", "fraud-sklearn"}) {
                sagemaker.createModel(b -> b.modelName(model).executionRoleArn(
                                "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/SageMakerExecution")
                        .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")
                                .modelDataUrl("s3://sagemaker-us-east-1-" + MotoServer.ACCOUNT + "/models/" + model
                                        + "/model.tar.gz"))
                        .tags(managed));
            }
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("churn-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("churn-xgboost").instanceType("ml.m5.large")
                    .initialInstanceCount(1)).tags(managed));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("vision-config").productionVariants(
                    v -> v.variantName("resnet-a").modelName("vision-resnet50").instanceType("ml.g4dn.2xlarge")
                            .initialInstanceCount(2).initialVariantWeight(0.8f),
                    v -> v.variantName("resnet-b").modelName("vision-resnet50").instanceType("ml.g4dn.xlarge")
                            .initialInstanceCount(1).initialVariantWeight(0.2f)).tags(managed));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("fraud-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("fraud-sklearn").serverlessConfig(s -> s.memorySizeInMB(2048)
                            .maxConcurrency(20))).tags(managed));
            sagemaker.createEndpoint(b -> b.endpointName("churn-prediction").endpointConfigName("churn-config").tags(managed));
            sagemaker.createEndpoint(b -> b.endpointName("vision").endpointConfigName("vision-config").tags(managed));
            sagemaker.createEndpoint(b -> b.endpointName("fraud-scoring-serverless").endpointConfigName("fraud-config")
                    .tags(managed));
        }
    }

    static String shotName(Theme theme, int[] size, AuditedView view) {
        return theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + size[0] + "x" + size[1] + "/" + view.name() + ".png";
    }

    private Scene dialogScene(Stage main) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w != main && w.isShowing() && w.getScene() != null
                        && w.getScene().getRoot() instanceof DialogPane));
        WaitForAsyncUtils.waitForFxEvents();
        return Window.getWindows().stream().filter(w -> w != main && w.isShowing()
                && w.getScene().getRoot() instanceof DialogPane).reduce((a, b) -> b).orElseThrow().getScene();
    }

    /** Closes a dialog with its cancelling button (or its only one). */
    private void close(Scene dialog) {
        DialogPane pane = (DialogPane) dialog.getRoot();
        ButtonType cancel = pane.getButtonTypes().stream()
                .filter(type -> type.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE).findFirst()
                .orElse(pane.getButtonTypes().get(0));
        interact(() -> ((Button) pane.lookupButton(cancel)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(Scene scene, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        var image = scene.getRoot().snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
