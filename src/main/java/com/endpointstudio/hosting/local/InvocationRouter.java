package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where SageMaker's front end sends an invocation of a local endpoint, and the hops through its
 * containers: the production variant (TargetVariant, else chosen by weight), then in the
 * variant's Model the one container of a single-container model, the container named by
 * TargetContainerHostname (Direct), or every container in order (Serial: each one's response is
 * the next one's request), through a multi-model container's cache when the Model has one.
 */
final class InvocationRouter {

    /** The largest payload one container of a pipeline may hand the next (inference-pipeline-troubleshoot.md). */
    static final int MAX_PIPELINE_PAYLOAD = 5 * 1024 * 1024;

    /**
     * An invocation as the runtime API received it; optional members are null.
     *
     * @param asynchronous whether it came through InvokeEndpointAsync (and is being processed from the queue)
     * @param timeout      how long the containers may take (null: the runtime's 60 s)
     */
    record Call(String endpoint, String requestId, String contentType, String accept, String customAttributes,
                String targetVariant, String targetModel, String targetContainerHostname, byte[] body,
                boolean asynchronous, java.time.Duration timeout, String inferenceComponent) {

        Call(String endpoint, String requestId, String contentType, String accept, String customAttributes,
             String targetVariant, String targetModel, String targetContainerHostname, byte[] body,
             boolean asynchronous, java.time.Duration timeout) {
            this(endpoint, requestId, contentType, accept, customAttributes, targetVariant, targetModel,
                    targetContainerHostname, body, asynchronous, timeout, null);
        }
    }

    /** Requests each model server is answering now: an inference component's LEAST_OUTSTANDING_REQUESTS routing. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> outstanding =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Where a call goes: a variant, and the containers it passes through in order. */
    record Target(LocalEndpointRecord endpoint, LocalTopology.Variant variant, List<LocalServer> chain) {
        LocalServer last() {
            return chain.get(chain.size() - 1);
        }
    }

    /** The request the last container of a chain gets, after the containers before it answered. */
    record Hop(String contentType, byte[] body, long modelMicros) {
    }

    private final LocalHost host;
    private final ContainerClient client;
    private final MultiModelCache models;
    private final RandomGenerator random;
    private final LocalMetrics metrics;

    InvocationRouter(LocalHost host, ContainerClient client, MultiModelCache models, RandomGenerator random,
                     LocalMetrics metrics) {
        this.host = host;
        this.client = client;
        this.models = models;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * Admits a call to its variant: a serverless one may throttle it or start again first (its cold
     * start is recorded as ModelSetupTime); close the permit when the call is answered.
     */
    ServerlessCapacity.Permit admit(Target target) throws RuntimeFailure {
        ServerlessCapacity.Permit permit = host.serverless().admit(target.endpoint(), target.variant());
        if (permit.coldStart() != null) {
            metrics.recordModelSetup(target.endpoint().name(), target.variant().name(),
                    permit.coldStart().toNanos() / 1000, java.time.Instant.now());
        }
        return permit;
    }

    Target target(Call call) throws RuntimeFailure {
        LocalEndpointRecord endpoint = host.endpoint(call.endpoint()).orElseThrow(() -> RuntimeFailure.validation(
                "Endpoint " + call.endpoint() + " of account local not found."));
        String status = host.describe(call.endpoint()).map(LocalEndpointStatus::status).orElse("OutOfService");
        if (!"InService".equals(status)) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is not InService.");
        }
        // async-inference.md: an endpoint with an AsyncInferenceConfig only receives asynchronous invocations
        boolean asyncEndpoint = endpoint.topology().async() != null;
        if (asyncEndpoint && !call.asynchronous()) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is an asynchronous endpoint (its "
                    + "EndpointConfig has an AsyncInferenceConfig): invoke it with InvokeEndpointAsync.");
        }
        if (!asyncEndpoint && call.asynchronous()) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is not an asynchronous endpoint (its "
                    + "EndpointConfig has no AsyncInferenceConfig): invoke it with InvokeEndpoint.");
        }
        if (call.inferenceComponent() != null || !endpoint.topology().components().isEmpty()
                || endpoint.topology().variants().stream().allMatch(v -> v.containers().isEmpty())) {
            return component(endpoint, call);
        }
        LocalTopology.Variant variant = variant(endpoint, call);
        List<LocalServer> servers = new ArrayList<>();
        for (String key : variant.containers()) {
            servers.add(endpoint.server(key).orElseThrow());
        }
        // multi-container-direct.md: a hostname is required by Direct models and refused by the others
        String hostname = call.targetContainerHostname();
        if (variant.direct()) {
            if (hostname == null) {
                throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is configured for direct invocation "
                        + "(InferenceExecutionConfig Mode Direct) and needs a TargetContainerHostname.");
            }
            servers = servers.stream().filter(s -> s.container().equals(hostname)).toList();
            if (servers.isEmpty()) {
                throw RuntimeFailure.validation("The TargetContainerHostname " + hostname + " does not exist in "
                        + "endpoint " + call.endpoint() + " (variant " + variant.name() + " has "
                        + String.join(", ", names(endpoint, variant)) + ").");
            }
        } else if (hostname != null) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is not configured for direct invocation "
                    + "and does not support the TargetContainerHostname header.");
        }
        boolean multiModel = servers.stream().anyMatch(LocalServer::multiModel);
        if (call.targetModel() != null && !multiModel) {
            // the answer users meet (aws/amazon-sagemaker-examples#1026, #1216)
            throw RuntimeFailure.validation("TARGET_MODEL_HEADER_NOT_SUPPORTED", "Endpoint " + call.endpoint()
                    + " is not a multi-model endpoint and does not support target model header.");
        }
        if (call.targetModel() == null && multiModel) {
            throw RuntimeFailure.validation("Request " + call.requestId() + " is missing a target model header.");
        }
        return new Target(endpoint, variant, servers);
    }

    /** An endpoint of inference components: the component named by InferenceComponentName, one of its copies. */
    private Target component(LocalEndpointRecord endpoint, Call call) throws RuntimeFailure {
        LocalTopology topology = endpoint.topology();
        if (call.inferenceComponent() == null) {
            throw RuntimeFailure.validation("Inference Component Name header is required for endpoints to which you "
                    + "plan to deploy inference components. Please include Inference Component Name header or consider "
                    + "using SageMaker models.");
        }
        LocalTopology.Component component = topology.component(call.inferenceComponent()).orElseThrow(() ->
                RuntimeFailure.validation("Inference component " + call.inferenceComponent() + " does not exist in "
                        + "endpoint " + call.endpoint() + (topology.components().isEmpty() ? " (it hosts none)."
                        : " (its components: " + String.join(", ", topology.components().stream()
                        .map(LocalTopology.Component::name).toList()) + ").")));
        List<LocalServer> copies = component.copies().stream().map(key -> endpoint.server(key).orElse(null))
                .filter(server -> server != null && "InService".equals(host.serverStatus(call.endpoint(),
                        server.key())[0])).toList();
        if (copies.isEmpty()) {
            throw RuntimeFailure.validation("Inference Component has no capacity to process this request. "
                    + "ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by "
                    + "invoking UpdateInferenceComponentRuntimeConfig API.");
        }
        LocalTopology.Variant variant = topology.variant(component.variant()).orElseThrow();
        return new Target(endpoint, variant, List.of(pick(endpoint, copies)));
    }

    /** The copy answering the fewest requests now (LEAST_OUTSTANDING_REQUESTS), ties broken at random. */
    private LocalServer pick(LocalEndpointRecord endpoint, List<LocalServer> copies) {
        int fewest = Integer.MAX_VALUE;
        List<LocalServer> best = new ArrayList<>();
        for (LocalServer copy : copies) {
            int busy = outstanding.computeIfAbsent(endpoint.name() + "/" + copy.key(),
                    k -> new java.util.concurrent.atomic.AtomicInteger()).get();
            if (busy < fewest) {
                fewest = busy;
                best.clear();
            }
            if (busy == fewest) {
                best.add(copy);
            }
        }
        return best.get(random.nextInt(best.size()));
    }

    private LocalTopology.Variant variant(LocalEndpointRecord endpoint, Call call) throws RuntimeFailure {
        LocalTopology topology = endpoint.topology();
        if (call.targetVariant() != null) {
            return topology.variant(call.targetVariant()).orElseThrow(() -> RuntimeFailure.validation(
                    "The TargetVariant " + call.targetVariant() + " does not exist in endpoint " + call.endpoint()
                            + " (its variants: " + String.join(", ", topology.variants().stream()
                            .map(LocalTopology.Variant::name).toList()) + ")."));
        }
        double total = topology.variants().stream().mapToDouble(v -> Math.max(0, v.weight())).sum();
        if (total <= 0) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " has no variant with a weight above 0; "
                    + "name one with TargetVariant, or give one a weight.");
        }
        // traffic is split in proportion to the variants' weights (ProductionVariant.InitialVariantWeight)
        double point = random.nextDouble() * total;
        for (LocalTopology.Variant variant : topology.variants()) {
            point -= Math.max(0, variant.weight());
            if (point < 0) {
                return variant;
            }
        }
        return topology.variants().get(topology.variants().size() - 1);
    }

    private static List<String> names(LocalEndpointRecord endpoint, LocalTopology.Variant variant) {
        return variant.containers().stream().map(key -> endpoint.server(key).map(LocalServer::container).orElse(key))
                .toList();
    }

    /** Calls every container of the chain in order; the last one's answer. */
    ContainerClient.Answer invoke(Target target, Call call) throws RuntimeFailure {
        try (ServerlessCapacity.Permit permit = admit(target)) {
            Hop hop = upToLast(target, call);
            ContainerClient.Answer answer = call(target, target.last(), call, hop.contentType(), call.accept(),
                    hop.body());
            return new ContainerClient.Answer(answer.status(), answer.contentType(), answer.body(),
                    answer.explanation(), answer.customAttributes(), answer.modelMicros() + hop.modelMicros());
        }
    }

    /**
     * Calls the containers before the last. Each gets the previous one's response with its content
     * type and no Accept (the request's ContentType configures the first container, its Accept the
     * last: aws/amazon-sagemaker-examples, sagemaker-python-sdk/scikit_learn_inference_pipeline/
     * inference_pipeline_with_scikit_learn_and_linear_learner.ipynb, "Make a request to our pipeline endpoint").
     */
    Hop upToLast(Target target, Call call) throws RuntimeFailure {
        String contentType = call.contentType();
        byte[] body = call.body();
        long micros = 0;
        for (int i = 0; i < target.chain().size() - 1; i++) {
            LocalServer server = target.chain().get(i);
            ContainerClient.Answer answer = call(target, server, call, contentType, null, body);
            micros += answer.modelMicros();
            LocalServer next = target.chain().get(i + 1);
            if (answer.body().length > MAX_PIPELINE_PAYLOAD) {
                throw RuntimeFailure.modelPlain(call.endpoint(), "Received response from " + server.container()
                        + " with status code 200. However, the request payload from " + server.container() + " to "
                        + next.container() + " is " + answer.body().length + " bytes, which has exceeded the maximum "
                        + "limit of 5 MB.");
            }
            contentType = answer.contentType();
            body = answer.body();
        }
        return new Hop(contentType, body, micros);
    }

    /** One container's answer; anything but 200 is the ModelError naming it. */
    ContainerClient.Answer call(Target target, LocalServer server, Call call, String contentType, String accept,
                                byte[] body) throws RuntimeFailure {
        String name = sageMakerName(target, server);
        Map<String, String> headers = ContainerClient.headers(contentType, accept, call.customAttributes());
        ContainerClient.Answer answer;
        var busy = outstanding.computeIfAbsent(call.endpoint() + "/" + server.key(),
                k -> new java.util.concurrent.atomic.AtomicInteger());
        busy.incrementAndGet();
        try {
            int port = host.serverPort(call.endpoint(), server.key());
            java.time.Duration within = call.timeout() == null ? client.timeout() : call.timeout();
            answer = server.multiModel() ? models.invoke(call.endpoint(), server, port, call.targetModel(), headers, body,
                    within) : client.post(port, "/invocations", headers, body, within);
        } catch (ContainerClient.TimedOut e) {
            throw timedOut(call.endpoint(), target.chain().size() == 1 && !target.variant().direct() ? "primary"
                    : server.container(), call.timeout() == null ? client.timeout() : call.timeout());
        } catch (IOException e) {
            throw RuntimeFailure.model(call.endpoint(), name, 0, "The model server did not answer: " + e.getMessage(),
                    null);
        } catch (com.endpointstudio.core.error.StudioException e) {
            throw RuntimeFailure.validation("Endpoint " + call.endpoint() + " is not InService.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuntimeFailure.model(call.endpoint(), name, 0, "interrupted", null);
        } finally {
            busy.decrementAndGet();
        }
        if (answer.status() != 200) {
            throw RuntimeFailure.model(call.endpoint(), name, answer.status(),
                    new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8), answer.explanation());
        }
        return answer;
    }

    /** "model" for the container of a single-container model, as SageMaker's ModelError says; else its name. */
    static String sageMakerName(Target target, LocalServer server) {
        return target.variant().containers().size() == 1 ? "model" : server.container();
    }

    /** SageMaker's answer when a container has not answered within the invocation's 60 s. */
    RuntimeFailure timedOut(String endpoint, String container, java.time.Duration limit) {
        String message = "Your invocation timed out while waiting for a response from container " + container
                + ". Review the latency metrics for each container in Amazon CloudWatch, resolve the issue, and try again.";
        return RuntimeFailure.model(endpoint, container, 0, message, null).explained("The model server did not answer "
                + "within " + limit.toSeconds() + " s, the longest SageMaker waits for this invocation.");
    }
}
