package com.endpointstudio.ui.common;

import com.endpointstudio.core.deploy.LocalArtifact;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What local model-data paths are, for a form validating on the FX thread without touching the disk
 * there: each path is read in a background job (again when its answer is over two seconds old, so a
 * file made meanwhile is seen at the next edit), and the form is told to validate again when an
 * answer arrives or changes. Until then a path is {@link LocalArtifact#NOT_READ_YET}.
 */
public final class LocalArtifacts implements Function<Path, LocalArtifact> {

    private static final long FRESH_NANOS = 2_000_000_000L;

    private record Known(LocalArtifact artifact, long readAt) {
    }

    private final Map<Path, Known> known = new HashMap<>();
    private final Set<Path> reading = new HashSet<>();
    private final Jobs jobs;
    private final Runnable changed;
    private final LongSupplier clock;

    /** @param changed runs on the FX thread when a path's answer arrives or changes */
    public LocalArtifacts(Jobs jobs, Runnable changed) {
        this(jobs, changed, System::nanoTime);
    }

    LocalArtifacts(Jobs jobs, Runnable changed, LongSupplier clock) {
        this.jobs = jobs;
        this.changed = changed;
        this.clock = clock;
    }

    @Override
    public LocalArtifact apply(Path path) {
        Path key = path.toAbsolutePath().normalize();
        Known answer = known.get(key);
        if ((answer == null || clock.getAsLong() - answer.readAt() > FRESH_NANOS) && reading.add(key)) {
            jobs.job("Read " + key.getFileName(), job -> LocalArtifact.read(key)).quietly()
                    .onSuccess(artifact -> learned(key, artifact))
                    .whenDone(() -> reading.remove(key))
                    .start();
            answer = known.get(key); // on a synchronous executor the answer is in already
        }
        return answer == null ? LocalArtifact.NOT_READ_YET : answer.artifact();
    }

    private void learned(Path key, LocalArtifact artifact) {
        Known before = known.put(key, new Known(artifact, clock.getAsLong()));
        if (before == null || before.artifact() != artifact) {
            changed.run();
        }
    }
}
