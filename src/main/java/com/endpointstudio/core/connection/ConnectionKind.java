package com.endpointstudio.core.connection;

/** Where a connection's endpoints live. */
public enum ConnectionKind {
    /** Endpoints served by processes on this computer. */
    LOCAL,
    /** Endpoints in an AWS account (or an AWS-compatible emulator). */
    AWS
}
