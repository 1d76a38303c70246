package com.endpointstudio.ui.layout;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.ui.deploy.DeployViewModel;
import com.endpointstudio.ui.endpoints.EndpointRow;
import com.endpointstudio.ui.packaging.PackagingViewModel;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;

/**
 * Every screen state and dialog the layout audit looks at, in the order it opens them (Local
 * first, then the AWS connection). A new screen or dialog is one more entry here.
 */
final class AuditedViews {

    private AuditedViews() {
    }

    static List<AuditedView> all() {
        return List.of(
                AuditedView.screen("package-framework", "Package: the framework step", studio -> {
                    studio.show("package", studio.local());
                    studio.fx(() -> studio.window.packaging().stepProperty().set(PackagingViewModel.Step.FRAMEWORK));
                }),
                AuditedView.screen("package-contents", "Package: the sample model's contents and findings", studio ->
                        studio.fx(() -> studio.window.packaging().stepProperty().set(PackagingViewModel.Step.CONTENTS))),
                AuditedView.screen("package-build", "Package: the built archive", studio ->
                        studio.fx(() -> studio.window.packaging().stepProperty().set(PackagingViewModel.Step.BUILD))),
                AuditedView.screen("deploy-model-local", "Deploy on Local: the model", studio -> deployStep(studio,
                        studio.local(), DeployViewModel.Step.MODEL)),
                AuditedView.screen("deploy-endpoint-local", "Deploy on Local: the endpoint", studio ->
                        deployStep(studio, studio.local(), DeployViewModel.Step.ENDPOINT)),
                AuditedView.dialog("recommend", null, studio -> studio.click("#recommendButton")),
                AuditedView.screen("deploy-review", "Deploy: the review and its exports", studio ->
                        deployStep(studio, studio.local(), DeployViewModel.Step.REVIEW)),
                AuditedView.screen("deploy-run", "Deploy: InService, and what to do next", studio ->
                        deployStep(studio, studio.local(), DeployViewModel.Step.DEPLOY)),
                AuditedView.screen("endpoints-local", "Endpoints on this computer", studio -> {
                    studio.show("endpoints", studio.local());
                    select(studio, "houses");
                }),
                AuditedView.dialog("delete-endpoint", null, studio -> studio.click("#deleteButton")),
                AuditedView.dialog("update-endpoint-local", null, studio -> studio.click("#updateButton")),
                AuditedView.screen("console", "Console: a call and its history", studio -> {
                    studio.show("console", studio.local());
                    studio.fx(() -> studio.robot.lookup("#tabs").<TabPane>query().getSelectionModel().select(0));
                }),
                AuditedView.screen("console-load-test", "Console: a load test's result", studio -> {
                    studio.fx(() -> studio.robot.lookup("#tabs").<TabPane>query().getSelectionModel().select(1));
                    var loadTest = studio.window.console().loadTest();
                    if (loadTest.reportProperty().get() == null) { // cleared when the AWS connection was active
                        studio.fx(loadTest::start);
                        studio.waitUntil(60, () -> loadTest.reportProperty().get() != null
                                && !loadTest.runningProperty().get());
                    }
                }),
                AuditedView.screen("metrics", "Metrics of an endpoint", studio -> {
                    studio.show("metrics", studio.local());
                    studio.waitUntil(20, () -> !studio.window.metrics().drawnProperty().get().isEmpty());
                }),
                AuditedView.screen("connections-local", "Connections: Local", studio -> {
                    studio.show("connections", studio.local());
                    selectConnection(studio, studio.local());
                }),
                AuditedView.dialog("error", null, studio -> studio.fx(() -> studio.window.jobs().errors().report(
                        "Deploy houses", new StudioException("CreateEndpoint failed: the account's quota of ml.g5.12xlarge "
                                + "instances for endpoint usage is 0. Ask for a quota increase in the Service Quotas "
                                + "console, or choose another instance type.", "ResourceLimitExceeded",
                                "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b", null)))),
                AuditedView.screen("transform", "Batch transform: the packaged sample scoring a file on this computer",
                        studio -> {
                            studio.show("transform", studio.local());
                            studio.fx(() -> {
                                studio.robot.lookup("#sourceChoice").<javafx.scene.control.ComboBox<Object>>query()
                                        .setValue(com.endpointstudio.ui.transform.ModelSource.ARCHIVE);
                                studio.robot.lookup("#archiveField").queryTextInputControl()
                                        .setText(studio.dir.resolve("houses.tar.gz").toString());
                                studio.robot.lookup("#modelNameField").queryTextInputControl().setText("houses-model");
                                studio.robot.lookup("#inputField").queryTextInputControl()
                                        .setText(studio.dir.resolve("rows.csv").toString());
                                studio.robot.lookup("#outputField").queryTextInputControl()
                                        .setText(studio.dir.resolve("results").toString());
                            });
                            studio.waitUntil(10, () -> !studio.robot.lookup("#costLabel").queryLabeled().getText()
                                    .isBlank());
                        }),
                AuditedView.screen("settings", "Settings", studio -> studio.show("settings", studio.local())),
                AuditedView.screen("connections-aws", "Connections: an AWS connection, tested", studio -> {
                    studio.show("connections", studio.aws);
                    selectConnection(studio, studio.aws);
                    studio.click("#testButton");
                    studio.waitUntil(20, () -> studio.text("#checkState").equals("Connected"));
                }),
                AuditedView.dialog("add-aws-connection", null, studio -> {
                    studio.click("#addButton");
                    studio.waitUntil(10, () -> studio.robot.lookup("#connectionName").tryQuery().isPresent());
                }),
                AuditedView.screen("deploy-model-aws", "Deploy on AWS: the model", studio -> deployStep(studio,
                        studio.aws, DeployViewModel.Step.MODEL)),
                AuditedView.screen("deploy-endpoint-aws", "Deploy on AWS: the endpoint", studio -> deployStep(studio,
                        studio.aws, DeployViewModel.Step.ENDPOINT)),
                AuditedView.dialog("compare-instance-types", null, studio -> studio.click("#pickInstanceButton")),
                AuditedView.dialog("recommend-aws-inference-recommender", null, studio -> {
                    // a spec complete enough to recommend for, for the dialog's time only: the draft's
                    // screens keep showing what they did at the other size
                    draftImageAndRole(studio, "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                            "arn:aws:iam::123456789012:role/SageMakerExecution");
                    studio.click("#recommendButton");
                    studio.waitUntil(10, () -> studio.robot.lookup("#methodChoice").tryQuery().isPresent());
                    studio.fx(() -> studio.robot.lookup("#methodChoice")
                            .<com.endpointstudio.ui.recommend.RecommendMethod>queryComboBox()
                            .setValue(com.endpointstudio.ui.recommend.RecommendMethod.ADVANCED_JOB));
                    draftImageAndRole(studio, "", "");
                }),
                AuditedView.screen("endpoints-aws", "Endpoints on AWS", studio -> {
                    studio.show("endpoints", studio.aws);
                    select(studio, "vision");
                }),
                AuditedView.dialog("update-endpoint", null, studio -> studio.click("#updateButton")),
                AuditedView.dialog("hibernate", null, studio -> studio.click("#hibernateButton")),
                AuditedView.dialog("autoscaling", null, studio -> studio.click("#autoScalingButton")));
    }

    private static void deployStep(AuditContext studio, Connection connection, DeployViewModel.Step step) {
        studio.show("deploy", connection);
        studio.fx(() -> studio.window.deploy().stepProperty().set(step));
    }

    private static void draftImageAndRole(AuditContext studio, String image, String role) {
        studio.fx(() -> {
            studio.robot.lookup("#imageField").queryTextInputControl().setText(image);
            ((javafx.scene.layout.Pane) studio.robot.lookup("#rolePicker").query().getParent()).getChildren().stream()
                    .filter(node -> "roleField".equals(node.getId())).map(javafx.scene.control.TextField.class::cast)
                    .findFirst().orElseThrow().setText(role);
        });
    }

    private static void select(AuditContext studio, String endpoint) throws Exception {
        TableView<EndpointRow> table = studio.robot.lookup("#endpointsTable").queryTableView();
        studio.waitUntil(20, () -> table.getItems().stream().anyMatch(row -> row.name().equals(endpoint)
                && row.detailsProperty().get() != null));
        studio.fx(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(row -> row.name().equals(endpoint)).findFirst().orElseThrow()));
        studio.waitUntil(20, () -> !studio.window.endpoints().details().detailsTextProperty().get().isBlank());
    }

    private static void selectConnection(AuditContext studio, Connection connection) {
        ListView<Connection> list = studio.robot.lookup("#connectionList").queryListView();
        studio.fx(() -> list.getSelectionModel().select(connection));
    }
}
