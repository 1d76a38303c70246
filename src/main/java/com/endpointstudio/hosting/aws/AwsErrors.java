package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into sentences that say what failed and what the user can do. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * @param action what was being done, e.g. "Testing the connection"
     * @param triedUrl the address the call went to
     */
    public static StudioException translate(Throwable error, Connection connection, String action, String triedUrl) {
        if (error instanceof StudioException studio) {
            return studio;
        }
        if (error instanceof AwsServiceException service) {
            return fromService(service, connection, action);
        }
        if (error instanceof SdkClientException client) {
            return fromClient(client, connection, action, triedUrl);
        }
        if (error instanceof SdkException sdk) {
            return new StudioException(action + " failed: " + sdk.getMessage(), sdk);
        }
        return new StudioException(action + " failed: " + error, error);
    }

    private static StudioException fromService(AwsServiceException e, Connection connection, String action) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String profile = profileName(connection);
        String text = message == null ? "" : message;
        if (text.contains("Cannot create already existing") || "ResourceInUse".equals(code)) {
            return new com.endpointstudio.core.hosting.ResourceExistsException(action + " failed: " + text
                    + " Choose another name, or delete the existing resource first.", code, e.requestId(), e);
        }
        if (text.contains("iam:PassRole") || text.contains("PassRole")) {
            return new StudioException(action + " was refused: the identity of " + profile + " may not pass the "
                    + "execution role to SageMaker (iam:PassRole). Ask for that permission on the role, or choose a "
                    + "role you may pass. " + text, code, e.requestId(), e);
        }
        if (text.contains("Could not find") || text.contains("does not exist") || "ResourceNotFound".equals(code)) {
            return new StudioException(action + " failed: " + text, code, e.requestId(), e);
        }
        String sentence = switch (code == null ? "" : code) {
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired" ->
                    "The credentials of " + profile + " have expired. Refresh them (for SSO: `aws sso login"
                    + profileFlag(connection) + "`) and try again.";
            case "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch",
                    "InvalidAccessKeyId" ->
                    "AWS did not accept the access keys of " + profile + ". Check them with `aws configure"
                    + profileFlag(connection) + "`.";
            case "AccessDenied", "AccessDeniedException" ->
                    action + " was refused: the identity of " + profile + " lacks the permission. " + message;
            case "ThrottlingException", "Throttling", "TooManyRequestsException" ->
                    action + " was throttled by AWS even after retries. Wait a moment and try again.";
            default -> action + " failed: " + (message == null ? code : message);
        };
        return new StudioException(sentence, code, e.requestId(), e);
    }

    private static StudioException fromClient(SdkClientException e, Connection connection, String action,
                                              String triedUrl) {
        String text = allMessages(e);
        String lower = text.toLowerCase(Locale.ROOT);
        String profile = profileName(connection);
        String sentence;
        if (lower.contains("sso") && (lower.contains("expired") || lower.contains("token") && lower.contains("refresh")
                || lower.contains("unable to load sso token") || lower.contains("cached token"))) {
            sentence = "The SSO session of " + profile + " has expired or was never started. Run `aws sso login"
                    + profileFlag(connection) + "` and try again.";
        } else if (lower.contains("unable to load credentials") || lower.contains("no credentials")) {
            sentence = "No AWS credentials were found for " + profile + ". Configure a profile with `aws configure"
                    + profileFlag(connection) + "` (access keys) or `aws configure sso` (IAM Identity Center),"
                    + " or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
        } else if (isUnreachable(e)) {
            sentence = "Could not reach " + triedUrl + " (" + rootMessage(e) + "). Check the endpoint URL and your "
                    + "network connection.";
        } else {
            sentence = action + " failed: " + e.getMessage();
        }
        return new StudioException(sentence, null, null, e);
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Unable to execute HTTP request")) {
                return true;
            }
        }
        return false;
    }

    private static String allMessages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String profileName(Connection connection) {
        return connection.profile() == null ? "the default credential chain" : "profile '" + connection.profile() + "'";
    }

    private static String profileFlag(Connection connection) {
        return connection.profile() == null ? "" : " --profile " + connection.profile();
    }
}
