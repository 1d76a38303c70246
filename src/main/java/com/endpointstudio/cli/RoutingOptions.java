package com.endpointstudio.cli;

import com.endpointstudio.core.invoke.InvocationRequest;
import picocli.CommandLine.Option;

/**
 * The options of InvokeEndpoint beyond the body and its types, shared by {@code invoke} and
 * {@code loadtest}: where on the endpoint the request goes, and what it carries with it.
 */
final class RoutingOptions {

    @Option(names = "--target-variant", paramLabel = "V") String targetVariant;
    @Option(names = "--target-model", paramLabel = "M", description = "for multi-model endpoints") String targetModel;
    @Option(names = "--target-container-hostname", paramLabel = "H", description = "for multi-container endpoints")
    String targetContainer;
    @Option(names = "--inference-id", paramLabel = "ID") String inferenceId;
    @Option(names = "--inference-component", paramLabel = "IC", description = "for endpoints of inference components")
    String inferenceComponent;
    @Option(names = "--custom-attributes", paramLabel = "C") String customAttributes;

    InvocationRequest request(String endpointName, String contentType, String accept, byte[] body) {
        return new InvocationRequest(endpointName, contentType, accept, body, targetVariant, targetModel,
                targetContainer, inferenceId, customAttributes, inferenceComponent);
    }
}
