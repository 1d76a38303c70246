package com.endpointstudio.hosting;

import com.endpointstudio.core.invoke.InvocationRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP headers of the SageMaker runtime API's requests that have a value, by the names of
 * botocore 1.43.11's data/sagemaker-runtime/2017-05-13/service-2.json (the members' locationName of
 * InvokeEndpointAsyncInput, line 159, InvokeEndpointInput, line 249, and InvokeEndpointWithResponseStreamInput,
 * line 370). Blank values are left out, as the SDKs leave out unset members.
 */
public final class RuntimeHeaders {

    private static final String SAGEMAKER = "X-Amzn-SageMaker-";
    /** Sent with a request and answered with its response. */
    public static final String CUSTOM_ATTRIBUTES = SAGEMAKER + "Custom-Attributes";

    private RuntimeHeaders() {
    }

    /** InvokeEndpoint's headers. */
    public static Map<String, String> invokeEndpoint(InvocationRequest request) {
        Map<String, String> headers = common(request);
        put(headers, "Accept", request.accept());
        put(headers, SAGEMAKER + "Target-Model", request.targetModel());
        return headers;
    }

    /** InvokeEndpointWithResponseStream's: the accepted type in a header of its own, and no target model. */
    public static Map<String, String> invokeEndpointWithResponseStream(InvocationRequest request) {
        Map<String, String> headers = common(request);
        put(headers, SAGEMAKER + "Accept", request.accept());
        return headers;
    }

    /** InvokeEndpointAsync's: the body's types, attributes and id in headers of their own, the input in S3. */
    public static Map<String, String> invokeEndpointAsync(InvocationRequest request, String inputLocation) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, SAGEMAKER + "Content-Type", request.contentType());
        put(headers, SAGEMAKER + "Accept", request.accept());
        put(headers, CUSTOM_ATTRIBUTES, request.customAttributes());
        put(headers, SAGEMAKER + "Inference-Id", request.inferenceId());
        put(headers, SAGEMAKER + "InputLocation", inputLocation);
        return headers;
    }

    private static Map<String, String> common(InvocationRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "Content-Type", request.contentType());
        put(headers, CUSTOM_ATTRIBUTES, request.customAttributes());
        put(headers, SAGEMAKER + "Target-Variant", request.targetVariant());
        put(headers, SAGEMAKER + "Target-Container-Hostname", request.targetContainerHostname());
        put(headers, SAGEMAKER + "Inference-Id", request.inferenceId());
        put(headers, SAGEMAKER + "Inference-Component", request.inferenceComponent());
        return headers;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value.strip());
        }
    }
}
