package com.endpointstudio.core.connection;

/** How a profile obtains credentials, as the AWS CLI would use it. */
public enum AwsProfileKind {
    ACCESS_KEYS("access keys"),
    SSO("IAM Identity Center (SSO)"),
    ASSUME_ROLE("assumed role"),
    WEB_IDENTITY("web identity"),
    CREDENTIAL_PROCESS("credential process"),
    REGION_ONLY("no credentials");

    private final String label;

    AwsProfileKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
