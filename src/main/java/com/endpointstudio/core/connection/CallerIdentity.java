package com.endpointstudio.core.connection;

/** Who a connection acts as: STS GetCallerIdentity's answer. */
public record CallerIdentity(String account, String arn, String userId) {
}
