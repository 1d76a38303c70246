package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.endpoints.EndpointDetails;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The details pane as a form: a row per fact (label and value) under section headings — the
 * endpoint, its variants, models, options, tags and the studio's deploy runs — with times in the
 * user's time zone. On this computer a variant has no instance type: it is one model server.
 */
public final class EndpointFacts {

    /** One row of the pane: a section heading (no value), or a label and its value. */
    public record Fact(String label, String value) {

        static Fact heading(String title) {
            return new Fact(title, null);
        }

        public boolean heading() {
            return value == null;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final List<Fact> facts = new ArrayList<>();
    private final ZoneId zone;

    private EndpointFacts(ZoneId zone) {
        this.zone = zone;
    }

    static List<Fact> of(EndpointDetails e, List<DeploymentRecord> runs, boolean local, ZoneId zone) {
        EndpointFacts form = new EndpointFacts(zone);
        if (e == null) {
            form.add("Endpoint", "This endpoint no longer exists.");
            return form.facts;
        }
        form.endpoint(e, local);
        form.variants(e, local);
        form.models(e);
        form.options(e);
        form.section("Tags", e.tags());
        form.runs(runs);
        return form.facts;
    }

    /** The facts as lines of text ("Label: value"), for copying. */
    static String text(List<Fact> facts) {
        StringBuilder text = new StringBuilder();
        for (Fact fact : facts) {
            if (fact.heading()) {
                text.append(text.length() == 0 ? "" : "\n").append(fact.label()).append('\n');
            } else {
                text.append(fact.label().isEmpty() ? "  " : fact.label() + ": ").append(fact.value()).append('\n');
            }
        }
        return text.toString();
    }

    private void endpoint(EndpointDetails e, boolean local) {
        add("Endpoint", e.name());
        add("Status", e.status());
        if (e.failureReason() != null) {
            add("Failure reason", e.failureReason());
        }
        add("Kind", switch (e.kind()) {
            case INSTANCES -> "real-time";
            case SERVERLESS -> "serverless";
            case ASYNC -> "asynchronous";
        });
        if (local) {
            add("Runs on", "this computer");
        }
        add("Created", time(e.createdAt()));
        add("Last modified", time(e.lastModifiedAt()));
        add("Endpoint config", e.configName());
    }

    private void variants(EndpointDetails e, boolean local) {
        facts.add(Fact.heading("Variants"));
        for (EndpointDetails.Variant v : e.variants()) {
            String capacity;
            if (v.serverless()) {
                capacity = "serverless, " + v.serverlessMemoryMb() + " MB, max concurrency "
                        + v.serverlessMaxConcurrency();
            } else if (local) {
                capacity = "a model server on this computer";
            } else {
                capacity = v.instanceType() + " × " + (v.currentCount() == null ? "?" : v.currentCount())
                        + (v.currentCount() != null && v.currentCount().equals(v.desiredCount()) ? ""
                        : " (desired " + v.desiredCount() + ")");
            }
            add(v.name(), capacity + " · weight " + number(v.weight()) + " · model " + v.modelName());
        }
    }

    private void models(EndpointDetails e) {
        for (EndpointDetails.Model m : e.models()) {
            facts.add(Fact.heading("Model " + m.name()));
            add("Image", m.image());
            add("Model data", m.modelDataUrl() == null ? "none" : m.modelDataUrl());
            boolean first = true;
            for (Map.Entry<String, String> variable : m.environment().entrySet()) {
                add(first ? "Environment" : "", variable.getKey() + "=" + variable.getValue());
                first = false;
            }
        }
    }

    private void options(EndpointDetails e) {
        facts.add(Fact.heading("Options"));
        if (e.asyncOutput() != null) {
            add("Async output", e.asyncOutput());
        }
        add("Data capture", e.dataCapture() == null ? "off" : e.dataCapture());
        if (e.scaling().isEmpty()) {
            add("Autoscaling", "none");
        }
        for (int i = 0; i < e.scaling().size(); i++) {
            add(i == 0 ? "Autoscaling" : "", e.scaling().get(i));
        }
    }

    private void section(String title, Map<String, String> values) {
        facts.add(Fact.heading(title));
        if (values.isEmpty()) {
            add("", "none");
        }
        new java.util.TreeMap<>(values).forEach(this::add);
    }

    private void runs(List<DeploymentRecord> runs) {
        facts.add(Fact.heading("Deployments by the studio"));
        if (runs.isEmpty()) {
            add("", "none recorded on this computer");
        }
        for (DeploymentRecord run : runs) {
            add(time(run.startedAt()), run.state() + (run.failure() == null ? "" : ": " + run.failure()));
            run.steps().forEach(step -> add("", step.title() + " — " + step.state()));
        }
    }

    private void add(String label, String value) {
        facts.add(new Fact(label, value == null ? "" : value));
    }

    private String time(Instant instant) {
        return instant == null ? "unknown" : TIME.format(instant.atZone(zone));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
