package com.endpointstudio.core.connection;

import com.endpointstudio.core.error.Validation;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where endpoints live: this computer, or an AWS account reached through a named profile
 * (or the SDK's default chain when {@code profile} is empty), a region and an optional
 * endpoint URL that points every client at an AWS-compatible emulator. Holds no secret.
 */
public record Connection(String id, String name, ConnectionKind kind, String profile, String region,
                         String endpointUrl) {

    public static final String LOCAL_ID = "local";
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final int MAX_NAME = 64;

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name.strip();
        profile = blankToNull(profile);
        region = blankToNull(region);
        endpointUrl = blankToNull(endpointUrl);
    }

    public static Connection local() {
        return new Connection(LOCAL_ID, "Local", ConnectionKind.LOCAL, null, null, null);
    }

    public static Connection aws(String name, String profile, String region, String endpointUrl) {
        return new Connection(UUID.randomUUID().toString(), name, ConnectionKind.AWS, profile, region, endpointUrl);
    }

    /**
     * Where its endpoints live, the same for every connection that reaches the same place (its id differs
     * between the studio and the command line): "local", or the profile, region and endpoint URL.
     */
    public String place() {
        return isLocal() ? "local" : "aws|" + (profile == null ? "" : profile) + "|" + (region == null ? "" : region)
                + "|" + (endpointUrl == null ? "" : endpointUrl);
    }

    public boolean isLocal() {
        return kind == ConnectionKind.LOCAL;
    }

    public Connection withId(String newId) {
        return new Connection(newId, name, kind, profile, region, endpointUrl);
    }

    /** Checks the fields a user types, naming each field that is wrong. */
    public void validate() {
        Validation v = new Validation();
        v.notBlank(name, "Name");
        v.require(name.length() <= MAX_NAME, "Name", "is longer than " + MAX_NAME + " characters");
        if (kind == ConnectionKind.AWS) {
            if (region != null) {
                v.require(REGION.matcher(region).matches(), "Region",
                        "'" + region + "' is not an AWS region code (like us-east-1 or eu-west-1)");
            }
            if (endpointUrl != null) {
                v.require(isHttpUrl(endpointUrl), "Endpoint URL",
                        "'" + endpointUrl + "' is not an http:// or https:// URL with a host");
            }
        }
        v.throwIfInvalid();
    }

    /** How the toolbar and lists show the connection. */
    public String label() {
        if (isLocal()) {
            return name;
        }
        StringBuilder text = new StringBuilder(name);
        if (region != null) {
            text.append(" · ").append(region);
        }
        return text.toString();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
