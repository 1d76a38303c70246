package com.endpointstudio.hosting.local;

import com.endpointstudio.core.hosting.ModelDataStore;
import java.util.Optional;

/**
 * The AWS connection Local hosting reads S3 through when the local bucket folder doesn't hold the model
 * data: a deploy downloads it before the endpoint starts, a multi-model endpoint each model on its first
 * call, as a SageMaker instance downloads them. Opened for each use, so a changed choice applies at once.
 */
@FunctionalInterface
public interface S3ModelDataSource {

    /** The chosen connection's model data, opened; empty when no connection is chosen. */
    Optional<Opened> open();

    static S3ModelDataSource none() {
        return Optional::empty;
    }

    /**
     * @param connection the connection's name, for messages
     * @param session    closes what was opened for this use
     */
    record Opened(String connection, ModelDataStore store, AutoCloseable session) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (Exception e) {
                // the downloads are done or failed already; a session that fails to close holds nothing of theirs
            }
        }
    }
}
