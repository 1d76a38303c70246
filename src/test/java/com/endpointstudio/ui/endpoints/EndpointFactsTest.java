package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.ui.endpoints.EndpointFacts.Fact;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Endpoints screen's details as a form: labelled rows, local times, no instance type on this computer. */
class EndpointFactsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static EndpointDetails houses(String failure) {
        return new EndpointDetails("houses", "arn:aws:sagemaker:us-east-1:123456789012:endpoint/houses",
                failure == null ? "InService" : "Failed", failure, Instant.parse("2026-12-01T13:03:27.123456789Z"),
                Instant.parse("2026-12-01T13:09:02Z"), "houses-config",
                List.of(new EndpointDetails.Variant("AllTraffic", "houses-model", "ml.m5.large", 2, 2, 1.0, null, null),
                        new EndpointDetails.Variant("Canary", "houses-model", "ml.c5.large", 1, 3, 0.25, null, null)),
                null, null, List.of(new EndpointDetails.Model("houses-model", "sagemaker-scikit-learn:1.2-1",
                        "s3://bucket/houses/model.tar.gz", Map.of("SAGEMAKER_PROGRAM", "inference.py"), Map.of())),
                Map.of("team", "ml"), List.of());
    }

    @Test
    void anAwsEndpointReadsAsLabelledRowsWithLocalTimesAndAVariantPerRow() {
        List<Fact> facts = EndpointFacts.of(houses(null), List.of(), false, PARIS);

        assertThat(facts).containsSubsequence(new Fact("Endpoint", "houses"), new Fact("Status", "InService"),
                new Fact("Kind", "real-time"), new Fact("Created", "2026-12-01 14:03"),
                new Fact("Last modified", "2026-12-01 14:09"), new Fact("Endpoint config", "houses-config"),
                Fact.heading("Variants"),
                new Fact("AllTraffic", "ml.m5.large × 2 · weight 1 · model houses-model"),
                new Fact("Canary", "ml.c5.large × 1 (desired 3) · weight 0.25 · model houses-model"),
                Fact.heading("Model houses-model"), new Fact("Image", "sagemaker-scikit-learn:1.2-1"),
                new Fact("Model data", "s3://bucket/houses/model.tar.gz"),
                new Fact("Environment", "SAGEMAKER_PROGRAM=inference.py"),
                Fact.heading("Tags"), new Fact("team", "ml"));
        assertThat(facts).noneMatch(f -> f.label().equals("Runs on") || f.label().equals("Failure reason"));
        assertThat(EndpointFacts.text(facts)).contains("Created: 2026-12-01 14:03\n").doesNotContain("13:03:27");
    }

    @Test
    void onThisComputerAVariantIsAModelServerWithoutAnInstanceType() {
        List<Fact> facts = EndpointFacts.of(houses("model_fn is missing"), List.of(), true, PARIS);

        assertThat(facts).contains(new Fact("Runs on", "this computer"), new Fact("Status", "Failed"),
                new Fact("Failure reason", "model_fn is missing"),
                new Fact("AllTraffic", "a model server on this computer · weight 1 · model houses-model"));
        assertThat(facts).noneMatch(f -> f.value() != null && f.value().contains("ml."));
    }

    @Test
    void anEndpointThatWentAwaySaysSo() {
        assertThat(EndpointFacts.of(null, List.of(), false, PARIS))
                .containsExactly(new Fact("Endpoint", "This endpoint no longer exists."));
    }
}
