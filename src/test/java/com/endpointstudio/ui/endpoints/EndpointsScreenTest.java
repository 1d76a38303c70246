package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** The endpoints table against moto server: listing, cost, search, and the typed delete confirmation. */
@ExtendWith(MotoExtension.class)
class EndpointsScreenTest extends StudioUiTest {


    @TempDir
    Path dir;




    @Test
    void theRowsAreDrawnOnTheFirstVisitAndAfterARefreshWithoutAClick(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        seed(moto, "houses");
        openOn(services, moto.connection(), null);
        clickOn("Endpoints");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("1 endpoint ·"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawnRows()).containsExactly("houses");
        assertThat(lookup("#endpointsTable .placeholder").tryQuery().filter(Node::isVisible)).isEmpty();

        seed(moto, "vision");
        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("2 endpoints ·"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawnRows()).containsExactlyInAnyOrder("houses", "vision");
    }

    /** The names the table's visible rows draw (what the user sees), not the items behind them. */
    private java.util.List<String> drawnRows() {
        return lookup("#endpointsTable .table-row-cell").queryAll().stream().filter(Node::isVisible)
                .map(node -> ((javafx.scene.control.TableRow<?>) node).getItem()).filter(java.util.Objects::nonNull)
                .map(item -> ((EndpointRow) item).name()).toList();
    }

    private void seed(MotoServer moto, String... names) {
        Tag managed = Tag.builder().key(StudioTags.MANAGED_KEY).value(StudioTags.MANAGED_VALUE).build();
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            if (sagemaker.listEndpointConfigs().endpointConfigs().isEmpty()) {
                sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/R")
                        .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"))
                        .tags(managed));
                sagemaker.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(v -> v
                        .variantName("AllTraffic").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1))
                        .tags(managed));
            }
            for (String name : names) {
                sagemaker.createEndpoint(b -> b.endpointName(name).endpointConfigName("c").tags(managed));
            }
        }
    }

    @Test
    void theTableListsEndpointsWithTheirCostAndDeletesOnlyAfterTheNameIsTyped(MotoServer moto) throws Exception {
        moto.reset();
        services = moto.services(dir);
        Tag managed = Tag.builder().key(StudioTags.MANAGED_KEY).value(StudioTags.MANAGED_VALUE).build();
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"))
                    .tags(managed));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(v -> v.variantName("AllTraffic")
                    .modelName("m").instanceType("ml.m5.large").initialInstanceCount(1)).tags(managed));
            for (String name : new String[] {"churn", "houses", "vision"}) {
                sagemaker.createEndpoint(b -> b.endpointName(name).endpointConfigName("c").tags(managed));
            }
        }
        openOn(services, moto.connection(), "endpoints");

        clickOn("#loadButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("3 endpoints"));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<EndpointRow> table = lookup("#endpointsTable").queryTableView();
        assertThat(table.getItems()).extracting(EndpointRow::name).containsExactlyInAnyOrder("churn", "houses", "vision");
        assertThat(lookup("#totalsLabel").queryLabeled().getText()).contains("running cost $0.3450 an hour, $8.28 a day");
        assertThat(table.getItems().get(0).capacity()).isEqualTo("ml.m5.large × 1");

        clickOn("#searchField").write("hou");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(EndpointRow::name).containsExactly("houses");

        interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#detailsTable")
                .<EndpointFacts.Fact>queryTableView().getItems().stream()
                .anyMatch(f -> f.label().equals("Endpoint config") && f.value().startsWith("c")));
        // the details read as a form: labels and values, times in this computer's zone to the minute
        WaitForAsyncUtils.waitForFxEvents();
        TableView<EndpointFacts.Fact> details = lookup("#detailsTable").queryTableView();
        EndpointFacts.Fact created = details.getItems().stream().filter(f -> f.label().equals("Created")).findFirst()
                .orElseThrow();
        assertThat(created.value()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(from(details).lookup(".table-cell").<javafx.scene.control.Labeled>queryAll())
                .extracting(javafx.scene.control.Labeled::getText).contains("Created", created.value());
        clickOn("#deleteButton");
        WaitForAsyncUtils.waitForFxEvents();
        Node confirm = lookup("#confirmDeleteButton").query();
        assertThat(confirm.isDisabled()).isTrue();
        clickOn("#confirmNameField").write("house");
        assertThat(confirm.isDisabled()).isTrue();
        write("s");
        assertThat(confirm.isDisabled()).isFalse();
        clickOn(confirm);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#totalsLabel").queryLabeled().getText()
                .startsWith("2 endpoints"));
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            assertThat(sagemaker.listEndpoints().endpoints()).extracting(e -> e.endpointName())
                    .containsExactlyInAnyOrder("churn", "vision");
            assertThat(sagemaker.listEndpointConfigs().endpointConfigs()).hasSize(1);
        }
    }
}
