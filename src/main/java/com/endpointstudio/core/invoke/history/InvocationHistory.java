package com.endpointstudio.core.invoke.history;

import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The console's history (every request and response, newest first) and the requests saved under
 * a name. Both live as JSON files in the data folder, rewritten atomically after each change;
 * the history keeps at most {@code maxEntries} entries and {@code maxBytes} of bodies, dropping
 * the oldest. A damaged file is set aside and the console starts with an empty one.
 */
public final class InvocationHistory {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path historyFile;
    private final Path savedFile;
    private final int maxEntries;
    private final long maxBytes;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final List<SavedRequest> saved = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public InvocationHistory(Path folder) {
        this(folder, 500, 32L * 1024 * 1024);
    }

    public InvocationHistory(Path folder, int maxEntries, long maxBytes) {
        this.historyFile = folder.resolve("history.json");
        this.savedFile = folder.resolve("saved-requests.json");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        entries.addAll(load(historyFile, new TypeReference<List<HistoryEntry>>() { }));
        saved.addAll(load(savedFile, new TypeReference<List<SavedRequest>>() { }));
    }

    private <T> List<T> load(Path file, TypeReference<List<T>> type) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<T> read = JSON.readValue(file.toFile(), type);
            return read == null ? List.of() : read;
        } catch (IOException e) {
            try {
                Path aside = AtomicFiles.setAside(file);
                problems.add("The console's " + file.getFileName() + " was damaged; it was kept as " + aside
                        + " and the console started without it.");
            } catch (IOException moveFailed) {
                problems.add("The console's " + file.getFileName() + " is damaged and could not be moved aside: "
                        + moveFailed.getMessage());
            }
            return List.of();
        }
    }

    /** What went wrong while loading (a damaged file set aside), to tell the user once. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized void add(HistoryEntry entry) {
        entries.add(0, entry);
        long bytes = 0;
        int keep = 0;
        for (HistoryEntry kept : entries) {
            bytes += kept.weight();
            if (keep >= maxEntries || (bytes > maxBytes && keep > 0)) {
                break;
            }
            keep++;
        }
        entries.subList(keep, entries.size()).clear();
        write(historyFile, entries);
    }

    /** Newest first, narrowed by the search text. */
    public synchronized List<HistoryEntry> search(String text) {
        return entries.stream().filter(entry -> entry.matches(text)).toList();
    }

    public synchronized List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
        write(historyFile, entries);
    }

    /** Forgets the entries of one connection, keeping the others'. */
    public synchronized void clear(String connectionId) {
        entries.removeIf(entry -> connectionId.equals(entry.connectionId()));
        write(historyFile, entries);
    }

    /** Saves (or replaces) a named request of an endpoint. */
    public synchronized void save(SavedRequest request) {
        saved.removeIf(s -> s.name().equals(request.name()) && s.connectionId().equals(request.connectionId())
                && s.request().endpointName().equals(request.request().endpointName()));
        saved.add(request);
        saved.sort(Comparator.comparing(SavedRequest::name));
        write(savedFile, saved);
    }

    public synchronized void deleteSaved(SavedRequest request) {
        saved.remove(request);
        write(savedFile, saved);
    }

    /** The saved requests of one endpoint, by name. */
    public synchronized List<SavedRequest> saved(String connectionId, String endpointName) {
        return saved.stream().filter(s -> s.connectionId().equals(connectionId)
                && s.request().endpointName().equals(endpointName)).toList();
    }

    public synchronized Optional<SavedRequest> saved(String connectionId, String endpointName, String name) {
        return saved(connectionId, endpointName).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("the console history could not be written to " + file, e);
        }
    }
}
