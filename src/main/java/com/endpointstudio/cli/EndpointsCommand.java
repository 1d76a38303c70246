package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.endpoints.EndpointCleanup;
import com.endpointstudio.core.endpoints.EndpointCosts;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.Hibernation;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.Quantities;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The endpoints of a connection: list them with their cost, describe one, delete one. */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
        description = "List, describe or delete the endpoints of a connection (AWS, or Local with --local).",
        subcommands = {EndpointsCommand.List.class, EndpointsCommand.Describe.class, EndpointsCommand.Delete.class,
            EndpointsCommand.Hibernate.class, EndpointsCommand.Wake.class, EndpointsCommand.Diagnose.class})
public final class EndpointsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every endpoint: status, kind, capacity, hourly cost and invocations over the last 24 hours.")
    public static final class List implements Callable<Integer> {
        private final StudioServices services;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public List(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            target.withHosting(services, hosting -> {
                java.util.List<EndpointDetails> endpoints = new ArrayList<>();
                hosting.control().listEndpoints().forEach(e -> hosting.inventory().describe(e.name())
                        .ifPresent(endpoints::add));
                String region = target.isLocal() ? "us-east-1" : target.region() == null ? "us-east-1" : target.region();
                EndpointCosts costs = new EndpointCosts(InstanceCatalog.load(), region);
                Map<String, Double> calls = hosting.metrics() == null ? Map.of()
                        : EndpointCosts.invocations(hosting.metrics(), endpoints, Duration.ofDays(1), Instant.now());
                out.println(String.format(Locale.ROOT, "%-40s %-12s %-10s %-32s %12s %10s", "NAME", "STATUS", "KIND",
                        "CAPACITY", "COST/HOUR", "CALLS 24H"));
                for (EndpointDetails e : endpoints) {
                    Double hourly = costs.hourly(e);
                    double n = calls.getOrDefault(e.name(), 0.0);
                    boolean idle = costs.idle(e, n, Duration.ofDays(1), Instant.now());
                    out.println(String.format(Locale.ROOT, "%-40s %-12s %-10s %-32s %12s %10.0f%s", e.name(), e.status(),
                            e.kind().name().toLowerCase(Locale.ROOT), e.capacity(),
                            hourly == null ? "-" : Quantities.usd(hourly), n, idle ? "  idle" : ""));
                }
                double total = costs.totalHourly(endpoints);
                out.println(endpoints.size() + (endpoints.size() == 1 ? " endpoint" : " endpoints") + "; running cost " + Quantities.usd(total) + " an hour, "
                        + Quantities.usd(total * 24) + " a day (on-demand, instances only)");
                for (Hibernation.Record sleeping : hibernation(services, target, hosting).list()) {
                    out.println(String.format(Locale.ROOT, "%-40s %-12s since %s%s; wake it with 'endpoints wake %s'",
                            sleeping.name(), "Hibernated", sleeping.hibernatedAt().truncatedTo(
                                    java.time.temporal.ChronoUnit.MINUTES), sleeping.hourlyCost() == null ? ""
                                    : ", saving " + Quantities.usd(sleeping.hourlyCost() * 24) + " a day", sleeping.name()));
                }
                return 0;
            });
            out.flush();
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "An endpoint's variants, models, "
            + "config, scaling, data capture and tags.")
    public static final class Describe implements Callable<Integer> {
        private final StudioServices services;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public Describe(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EndpointDetails e = target.withHosting(services, hosting -> hosting.inventory().describe(name))
                    .orElseThrow(() -> new com.endpointstudio.core.error.StudioException("There is no endpoint " + name
                            + "."));
            out.println(e.name() + "  " + e.status() + (e.failureReason() == null ? "" : " (" + e.failureReason() + ")"));
            out.println("  arn        " + e.arn());
            out.println("  kind       " + e.kind().name().toLowerCase(Locale.ROOT));
            out.println("  config     " + e.configName());
            out.println("  created    " + e.createdAt() + ", modified " + e.lastModifiedAt());
            for (EndpointDetails.Variant v : e.variants()) {
                out.println("  variant    " + v.name() + ": " + (v.serverless() ? "serverless " + v.serverlessMemoryMb()
                        + " MB, max concurrency " + v.serverlessMaxConcurrency() : v.instanceType() + " × "
                        + (v.currentCount() != null ? v.currentCount() : v.desiredCount())) + ", weight " + v.weight()
                        + ", model " + v.modelName());
            }
            for (EndpointDetails.Model m : e.models()) {
                out.println("  model      " + m.name() + ": " + m.image() + ", " + m.modelDataUrl());
                m.environment().forEach((k, v) -> out.println("             " + k + "=" + v));
            }
            if (e.asyncOutput() != null) {
                out.println("  async      output to " + e.asyncOutput());
            }
            out.println("  capture    " + (e.dataCapture() == null ? "off" : e.dataCapture()));
            e.scaling().forEach(line -> out.println("  scaling    " + line));
            e.tags().forEach((k, v) -> out.println("  tag        " + k + "=" + v));
            out.flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = {"Delete an endpoint.",
            "With --cascade also its config and models, when the studio created them and nothing else uses them."})
    public static final class Delete implements Callable<Integer> {
        private final StudioServices services;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--cascade", description = "also delete its EndpointConfig and Models (the studio's, unshared)")
        boolean cascade;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public Delete(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EndpointCleanup.Outcome outcome = target.withHosting(services, hosting ->
                    new EndpointCleanup(hosting.control(), hosting.inventory()).delete(name, cascade));
            outcome.deleted().forEach(line -> out.println("deleted  " + line));
            outcome.kept().forEach(line -> out.println("kept     " + line));
            out.flush();
            return 0;
        }
    }

    static Hibernation hibernation(StudioServices services, EndpointTarget target,
                                   com.endpointstudio.core.hosting.Hosting hosting) {
        com.endpointstudio.core.connection.Connection connection = target.isLocal()
                ? com.endpointstudio.core.connection.Connection.local() : target.aws.connection();
        return new Hibernation(services.paths().dataDir().resolve("hibernated"), connection.place(), hosting.control(),
                hosting.inventory());
    }

    @Command(name = "hibernate", mixinStandardHelpOptions = true,
            description = {"Stop an endpoint's billing without losing it: delete the endpoint, keep its config and "
                    + "models and a record of its tags and autoscaling.", "'endpoints wake NAME' makes it again."})
    public static final class Hibernate implements Callable<Integer> {
        private final StudioServices services;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public Hibernate(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Hibernation.Record record = target.withHosting(services, hosting -> {
                Double hourly = hosting.inventory().describe(name).map(e -> new EndpointCosts(InstanceCatalog.load(),
                        target.isLocal() || target.region() == null ? "us-east-1" : target.region()).hourly(e))
                        .orElse(null);
                return hibernation(services, target, hosting).hibernate(name, hourly);
            });
            out.println("Hibernated " + name + ": the endpoint is deleted; EndpointConfig " + record.configName()
                    + " and its models are kept" + (record.scaling().isEmpty() ? "" : ", with the autoscaling of "
                    + String.join(", ", record.scaling().keySet()) + " recorded") + ".");
            if (record.hourlyCost() != null) {
                out.println("It saves " + Quantities.usd(record.hourlyCost() * 24) + " a day. Wake it with "
                        + "'endpoint-studio endpoints wake " + name + "'.");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "wake", mixinStandardHelpOptions = true,
            description = "Make a hibernated endpoint again from its config, with its tags, wait until it is InService "
                    + "and apply its autoscaling again.")
    public static final class Wake implements Callable<Integer> {
        private final StudioServices services;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public Wake(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            target.withHosting(services, hosting -> hibernation(services, target, hosting).wake(name,
                    Duration.ofSeconds(target.isLocal() ? 1 : 15), Duration.ofMinutes(60), line -> {
                        out.println(line);
                        out.flush();
                    }, com.endpointstudio.core.task.CancelToken.none()));
            out.println(name + " is awake and InService.");
            out.flush();
            return 0;
        }
    }

    @Command(name = "diagnose", mixinStandardHelpOptions = true,
            description = "Say why an endpoint failed (or why its calls fail): its failure reason and its container's "
                    + "log read for the last traceback and the known fatal lines, with what to do.")
    public static final class Diagnose implements Callable<Integer> {
        private final StudioServices services;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Mixin EndpointTarget target;
        @Spec CommandSpec spec;

        public Diagnose(StudioServices services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            com.endpointstudio.core.doctor.Forensics.Diagnosis diagnosis = target.withHosting(services, hosting -> {
                var endpoint = hosting.control().describeEndpoint(name).orElseThrow(() ->
                        new com.endpointstudio.core.error.StudioException("There is no endpoint " + name + "."));
                out.println(name + " is " + endpoint.status() + (endpoint.failureReason() == null ? ""
                        : ": " + endpoint.failureReason()));
                return com.endpointstudio.core.doctor.Forensics.diagnose(endpoint.failureReason(),
                        hosting.logs().read(name, null).lines());
            });
            out.println("Cause: " + diagnosis.cause());
            out.println("Fix:   " + diagnosis.fix());
            if (!diagnosis.evidence().isEmpty()) {
                out.println("Seen in the log:");
                diagnosis.evidence().forEach(line -> out.println("  " + line));
            }
            if (diagnosis.traceback() != null) {
                out.println("Last traceback:");
                diagnosis.traceback().lines().forEach(line -> out.println("  " + line));
            }
            out.flush();
            return 0;
        }
    }
}
