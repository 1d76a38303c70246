package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.DownloadedVersions;
import com.endpointstudio.core.hosting.EndpointLogs;
import com.endpointstudio.core.hosting.ExecutionRoles;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.hosting.ModelDataStore.ObjectInfo;
import com.endpointstudio.core.hosting.ModelDataStore.StoredObject;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.hosting.SageMakerControl;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.io.FileTrees;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosting ports on this computer. Models and EndpointConfigs are JSON records in the data
 * folder; an Endpoint is a {@link LocalHost} endpoint: its model data unpacked and served by a
 * Python process. Model data stays where it is (no upload); no IAM role is assumed.
 */
public final class LocalHosting implements SageMakerControl, ModelDataStore, EndpointLogs, ExecutionRoles,
        com.endpointstudio.core.hosting.EndpointInventory {

    private final LocalHost host;
    private final Path root;
    private final LocalRuntimes runtimes;
    private final ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public LocalHosting(LocalHost host, Path root) {
        this(host, root, LocalRuntimes.pythonFirst());
    }

    public LocalHosting(LocalHost host, Path root, LocalRuntimes runtimes) {
        this.host = host;
        this.root = root;
        this.runtimes = runtimes;
        this.components = new LocalInferenceComponents(host, root, json, name -> read(file("models", name),
                ModelSpec.class), runtimes);
        this.s3Objects = new LocalS3Objects(host);
    }

    private final LocalInferenceComponents components;
    private final LocalS3Objects s3Objects;

    @Override
    public String createInferenceComponent(String endpointName,
            com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec component, Map<String, String> tags) {
        return components.create(endpointName, component);
    }

    @Override
    public Optional<ComponentDescription> describeInferenceComponent(String componentName) {
        return components.describe(componentName);
    }

    @Override
    public List<ComponentDescription> listInferenceComponents(String endpointName) {
        return components.list(endpointName);
    }

    @Override
    public void updateInferenceComponentCopies(String componentName, int copies) {
        components.updateCopies(componentName, copies);
    }

    @Override
    public boolean deleteInferenceComponent(String componentName) {
        return components.delete(componentName);
    }

    /** Each copy is a model server of its own: nothing scales them on this computer. */
    @Override
    public String configureCopyAutoScaling(String componentName,
                                           com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec scaling) {
        return "not applied: a local component runs the copies it is given (set them with "
                + "UpdateInferenceComponentRuntimeConfig; autoscaling applies on AWS)";
    }

    public Hosting hosting() {
        return new Hosting(this, this, this, this, null, null, this);
    }

    /** s3:// model data is downloaded to this computer first, as an instance downloads it. */
    @Override
    public boolean fetches(ModelDataSpec modelData) {
        return modelData.isS3();
    }

    @Override
    public StagedModelData stage(ModelDataSpec modelData, ProgressListener progress, CancelToken cancel) {
        if (modelData.location().startsWith("https://")) {
            throw new StudioException("Local hosting downloads model data from S3 only; " + modelData.location()
                    + " is a web address. Give its model.tar.gz, or its s3:// location.");
        }
        if (modelData.isS3()) {
            LocalS3Objects.Fetched here = s3Objects.fetch(modelData, root.resolve("downloads"), progress, cancel);
            return new StagedModelData(here.path().toString(), here.sent(), Files.isDirectory(here.path()));
        }
        Path path = Path.of(modelData.location()).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new StudioException("The model data " + path + " does not exist.");
        }
        return new StagedModelData(path.toString(), false, Files.isDirectory(path));
    }

    /**
     * Copies an archive into a multi-model endpoint's folder ({@code key} is the file's path when there is no
     * bucket), or into the local bucket folder under its s3:// prefix.
     */
    @Override
    public StagedModelData put(Path archive, String bucket, String key, ProgressListener progress, CancelToken cancel) {
        Path target = bucket == null ? Path.of(key).toAbsolutePath()
                : host.buckets().path("s3://" + bucket + "/" + key);
        String url = bucket == null ? target.toString() : "s3://" + bucket + "/" + key;
        try {
            if (Files.exists(target)) {
                if (Files.mismatch(archive, target) != -1) {
                    throw new StudioException(target + " already holds another model of that name; the endpoint may "
                            + "have it loaded. Give the archive another file name.");
                }
                return new StagedModelData(url, false, false);
            }
            if (bucket != null && s3Objects.inChosenConnection(url)) {
                // the endpoint downloads that one on its first call: a local copy of another model would hide it
                throw new StudioException(url + " is already a model in S3 (the connection chosen for Local hosting); "
                        + "the endpoint may have it loaded. Give the archive another file name.");
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                Files.copy(archive, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            long size = Files.size(target);
            progress.progress(size, size);
            return new StagedModelData(url, true, false);
        } catch (IOException e) {
            throw new StudioException("Could not copy " + archive + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files under a multi-model endpoint's folder, or the objects under an s3:// prefix: those of the
     * local bucket folder and those the AWS connection chosen for Local hosting finds, relative to it.
     */
    @Override
    public List<String> list(String prefix) {
        if (prefix.startsWith("s3://")) {
            return s3Objects.objects(prefix).stream().map(ObjectInfo::key).toList();
        }
        Path folder = Path.of(prefix);
        if (prefix.contains("://") || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StudioException("The folder " + folder + " can't be listed: " + e.getMessage(), e);
        }
    }

    /** The objects under an s3:// prefix as Local reads them: the local bucket folder's and the chosen connection's. */
    @Override
    public List<ObjectInfo> objects(String s3Prefix) {
        return s3Objects.objects(s3Prefix);
    }

    /** An s3:// object as Local reads it: the local bucket folder's file, else through the chosen connection. */
    @Override
    public StoredObject open(String s3Url) {
        return s3Objects.open(s3Url);
    }

    /** An object of the local bucket folder. */
    @Override
    public byte[] read(String s3Uri) {
        return host.buckets().read(s3Uri).map(LocalBuckets.StoredObject::body).orElseThrow(() -> new StudioException(
                "There is no object " + s3Uri + " (no file " + host.buckets().path(s3Uri) + ")."));
    }

    @Override
    public List<com.endpointstudio.core.endpoints.LoadedModel> loadedModels(String endpointName) {
        return host.multiModels().loaded(endpointName);
    }

    @Override
    public String createModel(ModelSpec model, Map<String, String> tags) {
        create(file("models", model.name()), "Model " + model.name(), model);
        return "local:model/" + model.name();
    }

    @Override
    public String createEndpointConfig(EndpointConfigSpec config, Map<String, String> tags) {
        create(file("endpoint-configs", config.name()), "EndpointConfig " + config.name(), config);
        return "local:endpoint-config/" + config.name();
    }

    /**
     * Starts a model server for every container of every production variant and returns once all
     * are InService, or one Failed (DescribeEndpoint tells which).
     */
    @Override
    public String createEndpoint(String endpointName, String endpointConfigName, Map<String, String> tags) {
        EndpointConfigSpec config = read(file("endpoint-configs", endpointConfigName), EndpointConfigSpec.class)
                .orElseThrow(() -> new StudioException("There is no local EndpointConfig " + endpointConfigName + "."));
        LocalShape shape = LocalShape.of(config, modelName -> read(file("models", modelName), ModelSpec.class)
                .orElseThrow(() -> new StudioException("There is no local Model " + modelName + ".")), runtimes);
        try {
            try {
                host.create(endpointName, shape.servers(), shape.topology(), line -> { });
            } finally {
                if (host.describe(endpointName).isPresent()) {
                    AtomicFiles.write(file("endpoint-bindings", endpointName), json.writeValueAsBytes(
                            new Binding(endpointConfigName, tags, java.time.Instant.now())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while the model server started");
        } catch (IOException e) {
            throw new StudioException("Could not record the local endpoint " + endpointName + ": " + e.getMessage(), e);
        }
        return "local:endpoint/" + endpointName;
    }

    /** Everything Local hosts was made by the studio. */
    private static final Map<String, String> LOCAL_TAGS = Map.of(com.endpointstudio.core.deploy.StudioTags.MANAGED_KEY,
            com.endpointstudio.core.deploy.StudioTags.MANAGED_VALUE);

    /** Which config a local endpoint runs, its tags, and when it was last changed. */
    record Binding(String configName, Map<String, String> tags, java.time.Instant modifiedAt) {
    }

    @Override
    public Optional<com.endpointstudio.core.endpoints.EndpointDetails> describe(String endpointName) {
        Optional<LocalEndpointStatus> status = host.describe(endpointName);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Optional<Binding> binding = read(file("endpoint-bindings", endpointName), Binding.class);
        String configName = binding.map(Binding::configName).orElse(null);
        Optional<EndpointConfigSpec> config = configName == null ? Optional.empty()
                : read(file("endpoint-configs", configName), EndpointConfigSpec.class);
        boolean running = "InService".equals(status.get().status());
        LocalTopology topology = status.get().record().topology();
        List<com.endpointstudio.core.endpoints.EndpointDetails.Variant> variants = config.map(c -> c.variants().stream()
                .map(v -> {
                    var now = topology.variant(v.variantName());
                    int desired = now.map(LocalTopology.Variant::instanceCount).orElse(v.initialInstanceCount());
                    double weight = now.map(LocalTopology.Variant::weight).orElse(v.initialVariantWeight());
                    return new com.endpointstudio.core.endpoints.EndpointDetails.Variant(v.variantName(),
                            v.modelName(), v.instanceType(), v.serverless() != null ? null : running ? desired : 0,
                            v.serverless() != null ? null : desired, weight,
                            v.serverless() == null ? null : v.serverless().memorySizeMb(),
                            v.serverless() == null ? null : v.serverless().maxConcurrency());
                }).toList())
                .orElse(List.of());
        List<com.endpointstudio.core.endpoints.EndpointDetails.Model> models = new java.util.ArrayList<>();
        for (String modelName : variants.stream().map(v -> v.modelName()).distinct().toList()) {
            read(file("models", modelName), ModelSpec.class).ifPresent(model -> {
                ContainerSpec container = model.containers().get(0);
                String data = container.modelData() == null ? null : container.modelData().location();
                if (data != null && "MultiModel".equals(container.mode()) && !data.endsWith("/")) {
                    data = data + "/"; // a folder of models, shown as SageMaker shows a prefix
                }
                models.add(new com.endpointstudio.core.endpoints.EndpointDetails.Model(model.name(), container.image(),
                        data,
                        container.environment(), LOCAL_TAGS));
            });
        }
        var record = status.get().record();
        return Optional.of(new com.endpointstudio.core.endpoints.EndpointDetails(endpointName, "local:endpoint/"
                + endpointName, status.get().status(), status.get().failureReason(), record.createdAt(),
                binding.map(Binding::modifiedAt).orElse(record.createdAt()), configName, variants,
                config.map(c -> c.async() == null ? null : c.async().s3OutputPath()).orElse(null),
                config.map(c -> c.dataCapture() == null ? null : "captures " + c.dataCapture().samplingPercentage()
                        + " % to " + c.dataCapture().destinationS3Uri()).orElse(null), models,
                binding.map(Binding::tags).orElse(Map.of()), List.of(),
                config.map(c -> c.dataCapture() == null ? null : c.dataCapture().destinationS3Uri()).orElse(null)));
    }

    @Override
    public List<com.endpointstudio.core.endpoints.EndpointConfigInfo> endpointConfigs() {
        Path folder = root.resolve("endpoint-configs");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> read(f, EndpointConfigSpec.class)).flatMap(Optional::stream)
                    .map(c -> new com.endpointstudio.core.endpoints.EndpointConfigInfo(c.name(), c.variants().stream()
                            .map(v -> v.modelName()).distinct().toList(), LOCAL_TAGS)).toList();
        } catch (IOException e) {
            throw new StudioException("The local endpoint configs can't be listed: " + e.getMessage(), e);
        }
    }

    /** Serves the new config's model in place of the old one (the endpoint keeps its name and port). */
    @Override
    public void updateEndpoint(String endpointName, String endpointConfigName) {
        Binding old = read(file("endpoint-bindings", endpointName), Binding.class)
                .orElseThrow(() -> new StudioException("There is no local endpoint " + endpointName + "."));
        host.delete(endpointName);
        createEndpoint(endpointName, endpointConfigName, old.tags());
        components.reattach(endpointName);
    }

    /**
     * Changes the variants' weights (the runtime splits traffic by them at once) and desired instance
     * counts in place, as UpdateEndpointWeightsAndCapacities does; one model server keeps serving each variant.
     */
    @Override
    public void updateWeightsAndCapacities(String endpointName, Map<String, Double> weights,
                                           Map<String, Integer> counts) {
        LocalEndpointStatus status = host.describe(endpointName).orElseThrow(() -> new StudioException(
                "Could not find endpoint \"" + endpointName + "\"."));
        if (!"InService".equals(status.status())) {
            throw new StudioException("Cannot update in-progress endpoint \"" + endpointName + "\": it is "
                    + status.status() + ".");
        }
        for (String variant : java.util.stream.Stream.concat(weights.keySet().stream(), counts.keySet().stream()).toList()) {
            if (status.record().topology().variant(variant).isEmpty()) {
                throw new StudioException("The variant(s) \"[" + variant + "]\" is/are not present in the endpoint "
                        + "\"" + endpointName + "\".");
            }
        }
        host.updateWeightsAndCounts(endpointName, weights, counts);
        read(file("endpoint-bindings", endpointName), Binding.class).ifPresent(binding -> {
            try {
                AtomicFiles.write(file("endpoint-bindings", endpointName), json.writeValueAsBytes(new Binding(
                        binding.configName(), binding.tags(), java.time.Instant.now())));
            } catch (IOException e) {
                throw new StudioException("Could not record the update of " + endpointName + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String endpointName) {
        return host.describe(endpointName).map(LocalHosting::description);
    }

    private static EndpointDescription description(LocalEndpointStatus status) {
        return new EndpointDescription(status.record().name(), "local:endpoint/" + status.record().name(),
                status.status(), status.failureReason(), null, status.record().createdAt());
    }

    /** One process serves a local endpoint: there is nothing to scale. */
    @Override
    public String configureAutoScaling(String endpointName,
                                       com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec variant) {
        return "not applied: a local endpoint runs one instance (autoscaling applies on AWS)";
    }

    /** A local Model's record: what a transform job on this computer serves. */
    Optional<ModelSpec> model(String modelName) {
        return read(file("models", modelName), ModelSpec.class);
    }

    LocalHost host() {
        return host;
    }

    Path root() {
        return root;
    }

    @Override
    public boolean modelExists(String modelName) {
        return Files.exists(file("models", modelName));
    }

    @Override
    public boolean endpointConfigExists(String endpointConfigName) {
        return Files.exists(file("endpoint-configs", endpointConfigName));
    }

    @Override
    public boolean deleteModel(String modelName) {
        Optional<ModelSpec> model = read(file("models", modelName), ModelSpec.class);
        boolean deleted = deleteFile(file("models", modelName));
        model.ifPresent(gone -> gone.containers().stream().map(ContainerSpec::modelData)
                .filter(data -> data != null && data.location() != null).map(ModelDataSpec::location)
                .forEach(this::forgetDownload));
        return deleted;
    }

    /** Deletes model data downloaded from S3 once no Model serves it (an endpoint unpacked its own copy). */
    private void forgetDownload(String location) {
        Path downloads = root.resolve("downloads").toAbsolutePath().normalize();
        Path data = Path.of(location).toAbsolutePath().normalize();
        if (!data.startsWith(downloads) || modelsUsing(location)) {
            return;
        }
        FileTrees.deleteQuietly(data); // one left behind is replaced by the next deploy of the same object
        new DownloadedVersions(downloads).forget(data);
    }

    private boolean modelsUsing(String location) {
        Path folder = root.resolve("models");
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).map(f -> read(f, ModelSpec.class))
                    .flatMap(Optional::stream).flatMap(m -> m.containers().stream())
                    .anyMatch(c -> c.modelData() != null && location.equals(c.modelData().location()));
        } catch (IOException e) {
            return true; // unsure: keep it
        }
    }

    @Override
    public boolean deleteEndpointConfig(String endpointConfigName) {
        return deleteFile(file("endpoint-configs", endpointConfigName));
    }

    @Override
    public boolean deleteEndpoint(String endpointName) {
        if (host.describe(endpointName).isEmpty()) {
            return false;
        }
        host.delete(endpointName);
        components.forgetEndpoint(endpointName);
        deleteFile(file("endpoint-bindings", endpointName));
        return true;
    }

    @Override
    public List<EndpointDescription> listEndpoints() {
        return host.list().stream().map(LocalHosting::description).toList();
    }

    /** The token is how many lines were already read. */
    @Override
    public LogBatch read(String endpointName, String since) {
        List<String> lines = host.logTail(endpointName, 2000);
        int from = since == null ? 0 : Math.min(lines.size(), Integer.parseInt(since));
        return new LogBatch(lines.subList(from, lines.size()), Integer.toString(lines.size()));
    }

    @Override
    public List<Role> assumableBySageMaker() {
        return List.of();
    }

    private void create(Path file, String what, Object record) {
        if (Files.exists(file)) {
            throw new ResourceExistsException("Cannot create already existing local " + what + ".", "ValidationException",
                    null, null);
        }
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not save the local " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new StudioException("The local record " + file + " can't be read: " + e.getMessage(), e);
        }
    }

    private static boolean deleteFile(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StudioException("Could not delete " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String kind, String name) {
        return root.resolve(kind).resolve(name + ".json");
    }
}
