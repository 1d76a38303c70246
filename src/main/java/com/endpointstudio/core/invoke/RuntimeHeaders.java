package com.endpointstudio.core.invoke;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP headers of the SageMaker runtime API's requests that have a value, by the names of
 * botocore 1.43.11's data/sagemaker-runtime/2017-05-13/service-2.json (the members' locationName of
 * InvokeEndpointAsyncInput, line 159, InvokeEndpointInput, line 249, and InvokeEndpointWithResponseStreamInput,
 * line 370, and the outputs' of the first two). Blank values are left out, as the SDKs leave out unset
 * members. Local hosting's runtime server reads the same names its clients write.
 */
public final class RuntimeHeaders {

    private static final String SAGEMAKER = "X-Amzn-SageMaker-";
    /** Sent with a request and answered with its response. */
    public static final String CUSTOM_ATTRIBUTES = SAGEMAKER + "Custom-Attributes";
    public static final String TARGET_MODEL = SAGEMAKER + "Target-Model";
    public static final String TARGET_VARIANT = SAGEMAKER + "Target-Variant";
    public static final String TARGET_CONTAINER_HOSTNAME = SAGEMAKER + "Target-Container-Hostname";
    public static final String INFERENCE_ID = SAGEMAKER + "Inference-Id";
    public static final String INFERENCE_COMPONENT = SAGEMAKER + "Inference-Component";
    /** The accepted type of a streamed or asynchronous call (InvokeEndpoint's is the plain Accept). */
    public static final String ACCEPT = SAGEMAKER + "Accept";
    /** The body's type of an asynchronous call, and of a streamed call's response. */
    public static final String CONTENT_TYPE = SAGEMAKER + "Content-Type";
    public static final String INPUT_LOCATION = SAGEMAKER + "InputLocation";
    public static final String S3_OUTPUT_PATH_EXTENSION = SAGEMAKER + "S3OutputPathExtension";
    public static final String FILENAME = SAGEMAKER + "Filename";
    public static final String REQUEST_TTL_SECONDS = SAGEMAKER + "RequestTTLSeconds";
    public static final String INVOCATION_TIMEOUT_SECONDS = SAGEMAKER + "InvocationTimeoutSeconds";
    /** InvokeEndpointAsync's answer: where the result and the failure will be written. */
    public static final String OUTPUT_LOCATION = SAGEMAKER + "OutputLocation";
    public static final String FAILURE_LOCATION = SAGEMAKER + "FailureLocation";
    /** The variant that answered (InvokeEndpointOutput's InvokedProductionVariant). */
    public static final String INVOKED_PRODUCTION_VARIANT = "x-Amzn-Invoked-Production-Variant";

    private RuntimeHeaders() {
    }

    /** InvokeEndpoint's headers. */
    public static Map<String, String> invokeEndpoint(InvocationRequest request) {
        Map<String, String> headers = common(request);
        put(headers, "Accept", request.accept());
        put(headers, TARGET_MODEL, request.targetModel());
        return headers;
    }

    /** InvokeEndpointWithResponseStream's: the accepted type in a header of its own, and no target model. */
    public static Map<String, String> invokeEndpointWithResponseStream(InvocationRequest request) {
        Map<String, String> headers = common(request);
        put(headers, ACCEPT, request.accept());
        return headers;
    }

    /** InvokeEndpointAsync's: the body's types, attributes and id in headers of their own, the input in S3. */
    public static Map<String, String> invokeEndpointAsync(InvocationRequest request, String inputLocation) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, CONTENT_TYPE, request.contentType());
        put(headers, ACCEPT, request.accept());
        put(headers, CUSTOM_ATTRIBUTES, request.customAttributes());
        put(headers, INFERENCE_ID, request.inferenceId());
        put(headers, INPUT_LOCATION, inputLocation);
        return headers;
    }

    private static Map<String, String> common(InvocationRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "Content-Type", request.contentType());
        put(headers, CUSTOM_ATTRIBUTES, request.customAttributes());
        put(headers, TARGET_VARIANT, request.targetVariant());
        put(headers, TARGET_CONTAINER_HOSTNAME, request.targetContainerHostname());
        put(headers, INFERENCE_ID, request.inferenceId());
        put(headers, INFERENCE_COMPONENT, request.inferenceComponent());
        return headers;
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value.strip());
        }
    }
}
