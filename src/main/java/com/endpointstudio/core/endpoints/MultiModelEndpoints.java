package com.endpointstudio.core.endpoints;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The models of a multi-model endpoint live as archives under one S3 prefix (on Local, in one
 * folder); invocations name one with TargetModel (its key under the prefix). Adding a model is
 * uploading another archive there: SageMaker loads it on its first invocation.
 */
public final class MultiModelEndpoints {

    private MultiModelEndpoints() {
    }

    /**
     * The S3 prefix of a multi-model endpoint (its model data ends with /), or the folder of a Local
     * one (a path ending with /), if it is one.
     */
    public static Optional<String> prefix(EndpointDetails endpoint) {
        return endpoint.models().stream().map(EndpointDetails.Model::modelDataUrl)
                .filter(url -> url != null && url.endsWith("/") && (url.startsWith("s3://") || !url.contains("://")))
                .findFirst();
    }

    /** The TargetModel names the endpoint can serve: the .tar.gz archives under its prefix. */
    public static List<String> models(EndpointDetails endpoint, ModelDataStore store) {
        return prefix(endpoint).map(store::list).orElse(List.of()).stream()
                .filter(key -> key.endsWith(".tar.gz")).sorted().toList();
    }

    /**
     * Uploads a packaged model under the prefix, named by its file name, and returns the TargetModel that
     * invokes it. A model of that name with other bytes is refused, never replaced: the endpoint may have it
     * loaded, and its instances would serve different models under one name.
     */
    public static String add(EndpointDetails endpoint, Path archive, ModelDataStore store, ProgressListener progress,
                             CancelToken cancel) {
        String prefix = prefix(endpoint).orElseThrow(() -> new StudioException(endpoint.name()
                + " is not a multi-model endpoint: its model data is not an S3 prefix."));
        if (!archive.getFileName().toString().endsWith(".tar.gz")) {
            throw new com.endpointstudio.core.error.ValidationException("Model archive",
                    archive.getFileName() + " is not a .tar.gz; package the model first");
        }
        String name = archive.getFileName().toString();
        if (!prefix.startsWith("s3://")) {
            store.put(archive, null, prefix + name, progress, cancel); // a Local endpoint's folder
            return name;
        }
        String rest = prefix.substring(5);
        int slash = rest.indexOf('/');
        String bucket = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        store.put(archive, bucket, key + name, progress, cancel);
        return name;
    }
}
