package com.endpointstudio.ui.connections;

import com.endpointstudio.core.connection.CallerIdentity;

/** The outcome of the last "Test connection" of one connection. */
public record ConnectionCheck(State state, CallerIdentity identity, String message, Throwable error) {

    public enum State { TESTING, CONNECTED, FAILED }

    public static ConnectionCheck testing() {
        return new ConnectionCheck(State.TESTING, null, "Calling STS GetCallerIdentity…", null);
    }

    public static ConnectionCheck connected(CallerIdentity identity) {
        return new ConnectionCheck(State.CONNECTED, identity,
                "Account " + identity.account() + " · " + identity.arn(), null);
    }

    public static ConnectionCheck failed(Throwable error) {
        return new ConnectionCheck(State.FAILED, null, error.getMessage(), error);
    }
}
