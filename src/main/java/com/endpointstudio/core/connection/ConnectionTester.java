package com.endpointstudio.core.connection;

/** Checks that a connection works, answering who the user is there. */
public interface ConnectionTester {

    /**
     * @throws com.endpointstudio.core.error.StudioException with a sentence that says what to do
     */
    CallerIdentity test(Connection connection);
}
