package com.endpointstudio.core.deploy.run;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One JSON file per deployment run in the data folder, each write atomic. */
public final class DeploymentJournal {

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DeploymentJournal(Path folder) {
        this.folder = folder;
    }

    /** The folder of the journal's files. */
    public Path folder() {
        return folder;
    }

    public void save(DeploymentRecord record) {
        try {
            AtomicFiles.write(file(record.runId()), json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not write the deployment journal in " + folder + ": " + e.getMessage(), e);
        }
    }

    public Optional<DeploymentRecord> load(String runId) {
        Path file = file(runId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), DeploymentRecord.class));
        } catch (IOException e) {
            throw new StudioException("The deployment journal " + file + " can't be read: " + e.getMessage(), e);
        }
    }

    /** Runs that stopped part-way (the studio crashed, failed or was cancelled): resume or clean up. */
    public List<DeploymentRecord> unfinished() {
        return all().stream().filter(DeploymentRecord::isUnfinished).toList();
    }

    /** Every run, newest first; unreadable files are skipped (and stay on disk). */
    public List<DeploymentRecord> all() {
        List<DeploymentRecord> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    records.add(json.readValue(file.toFile(), DeploymentRecord.class));
                } catch (IOException ignored) {
                    // a damaged entry is left for the user to inspect
                }
            }
        } catch (IOException e) {
            throw new StudioException("The deployment journal " + folder + " can't be listed: " + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(DeploymentRecord::startedAt).reversed());
        return records;
    }

    private Path file(String runId) {
        return folder.resolve(runId + ".json");
    }
}
