package com.endpointstudio.core.connection;

/**
 * A profile of the user's AWS configuration, described without its secrets.
 *
 * @param region the profile's region, or null when it names none
 * @param source what the profile signs in with, e.g. the SSO start URL or the role it assumes
 */
public record AwsProfile(String name, AwsProfileKind kind, String region, String source) {
}
