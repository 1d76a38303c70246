package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.Hosting;

/** The hosting ports over one AWS session. */
public final class AwsHosting {

    private AwsHosting() {
    }

    public static Hosting of(AwsSession session) {
        return new Hosting(new AwsModelDataStore(session), new AwsSageMakerControl(session), new AwsEndpointLogs(session),
                new AwsExecutionRoles(session), new AwsEndpointRuntime(session),
                new AwsMetricsSource(session), new AwsEndpointInventory(session), new AwsBatchTransforms(session),
                new AwsInferenceRecommender(session));
    }

    /** S3 objects alone, without the other services' clients (which take a while to load). */
    public static com.endpointstudio.core.hosting.ObjectStore objectStore(AwsSession session) {
        return new AwsObjectStore(session, session.s3WithPlainBodies());
    }
}
