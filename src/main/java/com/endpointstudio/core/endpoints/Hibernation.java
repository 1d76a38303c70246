package com.endpointstudio.core.endpoints;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointInventory;
import com.endpointstudio.core.hosting.SageMakerControl;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.task.CancelToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Stops an endpoint's billing without losing it: hibernate deletes the Endpoint (instances are what
 * an endpoint bills for) and keeps its EndpointConfig and Models, with a record of its tags and its
 * variants' autoscaling in the data folder; wake creates the Endpoint again from the same config,
 * with the same tags, waits for InService and applies the autoscaling again.
 */
public final class Hibernation {

    /**
     * What an endpoint was, to make it again.
     *
     * @param place where it lives ({@link com.endpointstudio.core.connection.Connection#place()})
     * @param scaling      the autoscaling of each variant that had it
     * @param hourlyCost   what its instances cost an hour, null when unknown
     */
    public record Record(String name, String place, String configName, Map<String, String> tags,
                         Map<String, AutoScalingSpec> scaling, Instant hibernatedAt, Double hourlyCost) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final String place;
    private final SageMakerControl control;
    private final EndpointInventory inventory;

    /** @param folder where the records of hibernated endpoints are kept (the data folder's hibernated/) */
    public Hibernation(Path folder, String place, SageMakerControl control, EndpointInventory inventory) {
        this.folder = folder;
        this.place = place;
        this.control = control;
        this.inventory = inventory;
    }

    public Record hibernate(String name, Double hourlyCost) {
        EndpointDetails endpoint = inventory.describe(name).orElseThrow(() ->
                new StudioException("There is no endpoint " + name + " to hibernate."));
        if (!"InService".equals(endpoint.status())) {
            throw new StudioException(name + " is " + endpoint.status() + "; only an InService endpoint hibernates.");
        }
        Map<String, AutoScalingSpec> scaling = new LinkedHashMap<>();
        for (EndpointDetails.Variant variant : endpoint.variants()) {
            if (!variant.serverless()) {
                control.describeAutoScaling(name, variant.name()).ifPresent(spec -> scaling.put(variant.name(), spec));
            }
        }
        Record record = new Record(name, place, endpoint.configName(), endpoint.tags(), scaling, Instant.now(),
                hourlyCost);
        save(record); // the record first: what is deleted next can always be made again
        scaling.keySet().forEach(variant -> control.removeAutoScaling(name, variant));
        control.deleteEndpoint(name);
        return record;
    }

    /** Makes the endpoint again and waits for InService; the record is removed once it serves. */
    public EndpointDescription wake(String name, Duration poll, Duration timeout, Consumer<String> progress,
                                    CancelToken cancel) {
        Record record = record(name).orElseThrow(() -> new StudioException("No hibernated endpoint " + name
                + " on this connection."));
        if (!control.endpointConfigExists(record.configName())) {
            throw new StudioException("The EndpointConfig " + record.configName() + " of " + name + " was deleted "
                    + "while it slept; deploy the endpoint again instead.");
        }
        if (control.describeEndpoint(name).isEmpty()) {
            control.createEndpoint(name, record.configName(), record.tags());
            progress.accept("CreateEndpoint " + name + " from " + record.configName());
        }
        EndpointDescription described = awaitInService(name, poll, timeout, progress, cancel);
        record.scaling().forEach((variant, scaling) -> progress.accept(variant + ": " + control.configureAutoScaling(
                name, new VariantSpec(variant, null, null, scaling.minInstances(), 1.0, null, scaling))));
        delete(name);
        return described;
    }

    private EndpointDescription awaitInService(String name, Duration poll, Duration timeout, Consumer<String> progress,
                                               CancelToken cancel) {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (true) {
            cancel.throwIfCancelled();
            EndpointDescription described = control.describeEndpoint(name).orElseThrow(() ->
                    new StudioException("The endpoint " + name + " disappeared while it woke."));
            if (!described.status().equals(last)) {
                last = described.status();
                progress.accept(name + " is " + last);
            }
            if (last.equals("InService")) {
                return described;
            }
            if (last.equals("Failed")) {
                throw new StudioException(name + " failed while it woke: " + described.failureReason());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StudioException(name + " is still " + last + " after " + timeout.toMinutes()
                        + " minutes; it keeps being created, so check it later.");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
        }
    }

    /** The hibernated endpoints of this connection, newest first. */
    public List<Record> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Record> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Record record = JSON.readValue(file.toFile(), Record.class);
                if (place.equals(record.place())) {
                    records.add(record);
                }
            }
        } catch (IOException e) {
            throw new StudioException("The records of hibernated endpoints in " + folder + " can't be read: "
                    + e.getMessage(), e);
        }
        records.sort((a, b) -> b.hibernatedAt().compareTo(a.hibernatedAt()));
        return records;
    }

    public Optional<Record> record(String name) {
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private void save(Record record) {
        try {
            AtomicFiles.write(file(record.name()), JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not record the hibernation of " + record.name() + " in " + folder
                    + ": " + e.getMessage() + "; nothing was deleted.", e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new StudioException("Could not remove the hibernation record of " + name + ": " + e.getMessage(), e);
        }
    }

    private Path file(String name) {
        return folder.resolve(place.replaceAll("[^A-Za-z0-9_.-]", "_") + "--" + name + ".json");
    }
}
