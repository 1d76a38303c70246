package com.endpointstudio.core.invoke;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One InvokeEndpoint call as the console and the command line build it. Optional members are
 * null or blank. {@link #errors()} checks every member against the runtime API's own limits.
 */
public record InvocationRequest(String endpointName, String contentType, String accept, byte[] body,
                                String targetVariant, String targetModel, String targetContainerHostname,
                                String inferenceId, String customAttributes, String inferenceComponent) {

    /** InvokeEndpoint's BodyBlob maximum: 6 MiB. */
    public static final int MAX_BODY_BYTES = 6_291_456;

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9])*$");
    private static final Pattern PRINTABLE = Pattern.compile("\\A\\S[\\p{Print}]*\\z");
    private static final Pattern ASCII = Pattern.compile("\\p{ASCII}*");

    public InvocationRequest {
        body = body == null ? new byte[0] : body;
    }

    public InvocationRequest(String endpointName, String contentType, String accept, byte[] body, String targetVariant,
                             String targetModel, String targetContainerHostname, String inferenceId,
                             String customAttributes) {
        this(endpointName, contentType, accept, body, targetVariant, targetModel, targetContainerHostname, inferenceId,
                customAttributes, null);
    }

    /** The same request to an inference component of the endpoint (InferenceComponentName). */
    public InvocationRequest toComponent(String component) {
        return new InvocationRequest(endpointName, contentType, accept, body, targetVariant, targetModel,
                targetContainerHostname, inferenceId, customAttributes, component);
    }

    public static InvocationRequest of(String endpointName, String contentType, byte[] body) {
        return new InvocationRequest(endpointName, contentType, null, body, null, null, null, null, null);
    }

    public InvocationRequest withEndpoint(String name) {
        return new InvocationRequest(name, contentType, accept, body, targetVariant, targetModel,
                targetContainerHostname, inferenceId, customAttributes, inferenceComponent);
    }

    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        name(errors, "Endpoint", endpointName, true);
        if (body.length == 0) {
            errors.add(new FieldError("Body", "is empty: InvokeEndpoint needs a request body"));
        } else if (body.length > MAX_BODY_BYTES) {
            errors.add(new FieldError("Body", String.format("is %,d bytes; InvokeEndpoint accepts at most %,d (6 MiB). "
                    + "Send larger inputs with asynchronous inference.", body.length, MAX_BODY_BYTES)));
        }
        header(errors, "Content type", contentType);
        header(errors, "Accept", accept);
        header(errors, "Custom attributes", customAttributes);
        name(errors, "Target variant", targetVariant, false);
        name(errors, "Target container hostname", targetContainerHostname, false);
        name(errors, "Inference component", inferenceComponent, false);
        if (present(targetModel) && (targetModel.length() > 1024 || !PRINTABLE.matcher(targetModel).matches())) {
            errors.add(new FieldError("Target model", "must be 1-1024 printable characters, not starting with a space"));
        }
        if (present(inferenceId) && (inferenceId.length() > 64 || !PRINTABLE.matcher(inferenceId).matches())) {
            errors.add(new FieldError("Inference id", "must be 1-64 printable characters, not starting with a space"));
        }
        return errors;
    }

    public void validate() {
        List<FieldError> errors = errors();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void name(List<FieldError> errors, String field, String value, boolean required) {
        if (!present(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            errors.add(new FieldError(field, "'" + value + "' must be 1-63 letters, digits or hyphens, "
                    + "starting and ending with a letter or digit"));
        }
    }

    private static void header(List<FieldError> errors, String field, String value) {
        if (present(value) && (value.length() > 1024 || !ASCII.matcher(value).matches())) {
            errors.add(new FieldError(field, "must be at most 1024 ASCII characters"));
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
