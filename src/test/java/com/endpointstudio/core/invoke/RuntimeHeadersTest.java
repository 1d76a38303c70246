package com.endpointstudio.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeHeadersTest {

    private static final byte[] BODY = "[[1, 2]]".getBytes(StandardCharsets.UTF_8);

    @Test
    void invokeEndpointSendsEveryFieldTheUserFilledInUnderItsServiceModelName() {
        var request = new InvocationRequest("churn", "application/json", "text/csv", BODY, "blue", "m1.tar.gz",
                "primary", "id-7", "trace=on", "ic-1");

        assertThat(RuntimeHeaders.invokeEndpoint(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Type", "application/json",
                "Accept", "text/csv",
                "X-Amzn-SageMaker-Target-Variant", "blue",
                "X-Amzn-SageMaker-Target-Model", "m1.tar.gz",
                "X-Amzn-SageMaker-Target-Container-Hostname", "primary",
                "X-Amzn-SageMaker-Inference-Id", "id-7",
                "X-Amzn-SageMaker-Custom-Attributes", "trace=on",
                "X-Amzn-SageMaker-Inference-Component", "ic-1"));
    }

    @Test
    void fieldsLeftBlankAreNotSentAsEmptyHeaders() {
        var request = new InvocationRequest("churn", "application/json", " ", BODY, "", null, "  ", null, "", null);

        assertThat(RuntimeHeaders.invokeEndpoint(request)).containsOnlyKeys("Content-Type");
    }

    @Test
    void valuesAreSentWithoutTheSpacesAroundThem() {
        var request = new InvocationRequest("churn", " text/csv ", null, BODY, " blue", null, null, null, null, null);

        assertThat(RuntimeHeaders.invokeEndpoint(request))
                .containsEntry("Content-Type", "text/csv")
                .containsEntry(RuntimeHeaders.TARGET_VARIANT, "blue");
    }

    @Test
    void aStreamedCallTakesItsAcceptInASageMakerHeaderAndNoTargetModel() {
        var request = new InvocationRequest("churn", "application/json", "application/jsonlines", BODY, null,
                "m1.tar.gz", null, null, null, null);

        assertThat(RuntimeHeaders.invokeEndpointWithResponseStream(request))
                .containsEntry("X-Amzn-SageMaker-Accept", "application/jsonlines")
                .doesNotContainKeys("Accept", RuntimeHeaders.TARGET_MODEL);
    }

    @Test
    void anAsynchronousCallNamesItsInputInS3AndItsBodyTypeInASageMakerHeader() {
        var request = new InvocationRequest("churn", "text/csv", null, BODY, "blue", null, null, "id-7", null, null);

        assertThat(RuntimeHeaders.invokeEndpointAsync(request, "s3://bucket/in/1.csv"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("X-Amzn-SageMaker-Content-Type", "text/csv",
                        "X-Amzn-SageMaker-Inference-Id", "id-7",
                        "X-Amzn-SageMaker-InputLocation", "s3://bucket/in/1.csv"));
    }
}
