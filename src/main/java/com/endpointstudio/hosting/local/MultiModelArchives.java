package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the archive a multi-model endpoint's TargetModel names: the model data prefix joined with the
 * TargetModel (multi-model-endpoints.md, "How multi-model endpoints work": the model is downloaded from
 * that S3 location on its first invocation). The prefix is a folder of this computer, or an s3:// prefix:
 * the local bucket folder when it holds the object, else the S3 of the AWS connection chosen for Local
 * hosting, downloaded as SageMaker downloads it.
 */
final class MultiModelArchives {

    private final LocalHost host;

    MultiModelArchives(LocalHost host) {
        this.host = host;
    }

    /** Where one model's archive is: a file here, or an S3 object to download before loading. */
    record Source(Path file, String s3Url) {
    }

    /** Finds the archive, or SageMaker's ValidationError when nothing can provide it. */
    Source locate(String endpoint, LocalServer server, String targetModel) throws RuntimeFailure {
        String prefix = server.modelData();
        if (!prefix.startsWith("s3://")) {
            Path folder = Path.of(prefix).toAbsolutePath().normalize();
            Path archive = folder.resolve(targetModel).normalize();
            if (!archive.startsWith(folder) || !Files.isRegularFile(archive)) {
                throw missing(folder.toString(), targetModel).explained("The multi-model endpoint " + endpoint
                        + " loads its models from " + folder + ", which has no file " + targetModel + ".");
            }
            return new Source(archive, null);
        }
        String url = (prefix.endsWith("/") ? prefix : prefix + "/") + targetModel;
        Path inBucket = host.buckets().path(url);
        if (Files.isRegularFile(inBucket)) {
            return new Source(inBucket, null);
        }
        return new Source(null, url);
    }

    /**
     * The archive's file: the one found, or the S3 object downloaded into {@code scratch} (the container's
     * folder for this model, deleted with it) through the connection chosen for Local hosting.
     */
    Path fetch(String endpoint, LocalServer server, String targetModel, Source source, Path scratch)
            throws RuntimeFailure {
        if (source.file() != null) {
            return source.file();
        }
        Optional<S3ModelDataSource.Opened> opened = host.s3().open();
        if (opened.isEmpty()) {
            throw missing(server.modelData(), targetModel).explained("The multi-model endpoint " + endpoint
                    + " loads its models from " + server.modelData() + ": the local bucket folder has no file "
                    + host.buckets().path(source.s3Url()) + ", and no AWS connection is chosen to download it from "
                    + "(Settings › Local hosting, or --profile with deploy --local).");
        }
        try (S3ModelDataSource.Opened s3 = opened.get()) {
            Path archive = scratch.resolve("model.tar.gz");
            host.log(endpoint, server.container(), "Downloading " + source.s3Url() + " through the connection "
                    + s3.connection());
            LocalS3Objects.download(s3, source.s3Url(), archive, (done, total) -> { }, CancelToken.none());
            return archive;
        } catch (StudioException e) {
            if (e.errorCode().filter(code -> code.equals("NoSuchKey") || code.equals("NotFound")).isPresent()) {
                throw missing(server.modelData(), targetModel).explained("The multi-model endpoint " + endpoint
                        + " loads its models from " + server.modelData() + ", where the connection "
                        + opened.get().connection() + " finds no object " + targetModel + ".");
            }
            throw missing(server.modelData(), targetModel).explained("Downloading " + source.s3Url() + " failed: "
                    + e.getMessage());
        }
    }

    /** SageMaker's answer when the model can't be downloaded (invoke-multi-model-endpoint.md, error list). */
    private static RuntimeFailure missing(String prefix, String targetModel) {
        String bucket = prefix;
        String key = targetModel;
        if (prefix.startsWith("s3://")) {
            String rest = prefix.substring(5);
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            key = (slash < 0 ? "" : rest.substring(slash + 1)) + targetModel;
            key = key.startsWith("/") ? key.substring(1) : key;
        }
        return RuntimeFailure.validation("Failed to download model data(bucket: " + bucket + ", key: " + key
                + "). Please ensure that there is an object located at the URL and that the role passed to "
                + "CreateModel has permissions to download the model.");
    }
}
