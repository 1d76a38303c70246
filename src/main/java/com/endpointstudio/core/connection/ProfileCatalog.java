package com.endpointstudio.core.connection;

import java.util.List;
import java.util.Optional;

/** Reads the user's AWS profiles (the files the AWS CLI reads) and the environment's choice. */
public interface ProfileCatalog {

    /** Every profile of the config and credentials files, sorted by name. */
    List<AwsProfile> profiles();

    Optional<AwsProfile> profile(String name);

    /** The profile AWS_PROFILE names, else {@code default}. */
    String defaultProfileName();

    /** True when access keys are set in the environment (AWS_ACCESS_KEY_ID and its secret). */
    boolean environmentHasCredentials();
}
