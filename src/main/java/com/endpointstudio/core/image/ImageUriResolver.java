package com.endpointstudio.core.image;

import com.endpointstudio.core.error.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a framework inference image the way the SageMaker Python SDK's
 * {@code image_uris.retrieve(..., image_scope="inference")} does: Graviton scope, version
 * aliases (kept as typed in the tag), Python version, the region's registry account and ECR
 * host, the processor from the instance type, container versions and tag prefixes.
 */
public final class ImageUriResolver {

    private static final Pattern FAMILY = Pattern.compile("^ml[._]([a-z\\d\\-]+)\\.?\\w*$");
    private static final Set<String> GRAVITON_FAMILIES = Set.of("m6g", "m6gd", "c6g", "c6gd", "c6gn", "c7g", "r6g", "r6gd");
    private static final Set<String> GRAVITON_FRAMEWORKS = Set.of("tensorflow", "pytorch", "xgboost", "sklearn");
    private static final Map<String, String> GRAVITON_TAGS = Map.of("xgboost-1.5-1", "1.5-1-arm64",
            "xgboost-1.3-1", "1.3-1-arm64", "sklearn-1.0-1", "1.0-1-arm64-cpu-py3");
    /** Old GPU images on p4d carry a CUDA suffix (no 2.x version is affected). */
    private static final Map<String, String> P4D_SUFFIXES = Map.of(
            "pytorch-1.6-gpu-py36", "cu110-ubuntu18.04-v3", "pytorch-1.6-gpu-py3", "cu110-ubuntu18.04-v3",
            "pytorch-1.6.0-gpu-py36", "cu110-ubuntu18.04", "pytorch-1.6.0-gpu-py3", "cu110-ubuntu18.04",
            "mxnet-1.8-gpu-py37", "cu110-ubuntu16.04-v1", "mxnet-1.8.0-gpu-py37", "cu110-ubuntu16.04");

    private final ImageCatalog catalog;

    public ImageUriResolver(ImageCatalog catalog) {
        this.catalog = catalog;
    }

    public ImageUri retrieve(ImageRequest request) {
        String framework = require(request.framework(), "Framework");
        String region = require(request.region(), "Region");
        if (!ImageCatalog.FRAMEWORKS.contains(framework)) {
            throw new ValidationException("Framework", "'" + framework + "' has no framework image; use one of "
                    + String.join(", ", ImageCatalog.FRAMEWORKS) + ", or give a custom image URI");
        }
        String family = family(request.instanceType());
        String file = framework;
        String inferenceTool = null;
        if (family != null && family.startsWith("trn")) {
            throw new ValidationException("Instance type", request.instanceType() + " is a Trainium instance; "
                    + "there is no " + framework + " inference image for it");
        }
        if (family != null && family.startsWith("inf")) {
            if (!framework.equals("huggingface") || family.equals("inf1")) {
                throw new ValidationException("Instance type", request.instanceType() + " is an Inferentia instance; "
                        + (framework.equals("huggingface") ? "Hugging Face images support inf2 only"
                        : "the " + framework + " framework image has no Inferentia processor"));
            }
            file = "huggingface-neuronx";
            inferenceTool = "neuronx";
        }
        String scopeName = "inference";
        if (family != null && GRAVITON_FAMILIES.contains(family)) {
            if (!GRAVITON_FRAMEWORKS.contains(framework)) {
                throw new ValidationException("Instance type", request.instanceType() + " is a Graviton instance; only "
                        + "PyTorch, TensorFlow, XGBoost and scikit-learn have Graviton images");
            }
            scopeName = "inference_graviton";
        }
        JsonNode scope = catalog.scope(file, scopeName);
        if (scope == null) {
            throw new ValidationException("Framework", framework + " has no " + scopeName + " images");
        }
        String version = version(framework, request.version(), scope);
        JsonNode config = scope.path("versions").get(scope.path("aliases").path(version).asText(version));
        String base = null;
        if (framework.equals("huggingface")) {
            String typedBase = require(request.baseFrameworkVersion(), "Base framework version");
            base = config.path("baseAliases").path(typedBase).asText(typedBase);
            JsonNode baseConfig = config.path("bases").get(base);
            if (baseConfig == null) {
                throw unsupported("Base framework version", typedBase, names(config.path("baseAliases"), config.path("bases")));
            }
            config = baseConfig;
            base = inferenceTool != null ? base : typedBase;
        }
        String py = pyVersion(request.pyVersion(), config);
        if (py != null && config.has("byPy")) {
            config = config.path("byPy").get(py);
        }
        JsonNode registries = catalog.registries(config.path("registries").asInt());
        String account = registries.path(region).asText(null);
        if (account == null) {
            throw unsupported("Region", region, names(registries));
        }
        String processor = processor(request.instanceType(), family, scope.has("processors") ? scope.path("processors")
                : config.path("processors"));
        String repository = config.path("repository").asText();
        String container = config.path("containerVersion").path(nullToEmpty(processor)).asText(null);
        if (inferenceTool != null && config.has("sdkVersions")) {
            List<String> sdks = names(config.path("sdkVersions"));
            container = sdks.stream().max(String::compareTo).orElse("") + (container == null ? "" : "-" + container);
        }
        if (repository.equals(framework + "-inference-graviton")) {
            container = (container == null ? "" : container) + "-sagemaker";
        }
        checkP2(framework, family, version);
        String tag = tag(framework, file, version, base, scope, config, processor, inferenceTool, py, container, family,
                scopeName);
        String uri = account + ".dkr." + Partitions.ecrHost(region) + "/" + repository + (tag.isEmpty() ? "" : ":" + tag);
        return new ImageUri(uri, account, repository, tag, processor);
    }

    private String tag(String framework, String file, String version, String base, JsonNode scope, JsonNode config,
                       String processor, String inferenceTool, String py, String container, String family,
                       String scopeName) {
        if ((framework.equals("xgboost") || framework.equals("sklearn")) && scopeName.equals("inference_graviton")) {
            String fixed = GRAVITON_TAGS.get(framework + "-" + version);
            if (fixed == null) {
                throw new ValidationException("Framework version", framework + " " + version + " has no Graviton image");
            }
            return fixed;
        }
        String prefix;
        if (framework.equals("huggingface")) {
            String transformers = inferenceTool != null ? scope.path("aliases").path(version).asText(version) : version;
            prefix = base.replaceFirst("^(pytorch|tensorflow)", "") + "-transformers" + transformers;
        } else {
            prefix = config.path("tagPrefix").asText(version);
        }
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {prefix, inferenceTool != null ? inferenceTool : processor, py, container}) {
            if (part != null && !part.isEmpty()) {
                parts.add(part);
            }
        }
        String tag = String.join("-", parts);
        if ("p4d".equals(family)) {
            String suffix = P4D_SUFFIXES.get(file + "-" + tag);
            if (suffix != null) {
                tag = tag + "-" + suffix;
            }
        }
        return tag;
    }

    private static String version(String framework, String requested, JsonNode scope) {
        List<String> available = names(scope.path("versions"));
        JsonNode aliases = scope.path("aliases");
        if (requested == null || requested.isBlank()) {
            if (aliases.has("latest")) {
                return "latest";
            }
            return available.stream().max((a, b) -> VersionOrder.key(a).compareTo(VersionOrder.key(b))).orElseThrow();
        }
        String version = requested.strip();
        if (available.size() == 1 && !aliases.has(version)) {
            return available.get(0);
        }
        if (!available.contains(version) && !aliases.has(version)) {
            List<String> options = new ArrayList<>(available);
            options.addAll(names(aliases));
            throw unsupported("Framework version", framework + " " + version, options);
        }
        return version;
    }

    private static String pyVersion(String requested, JsonNode config) {
        List<String> options = config.has("byPy") ? names(config.path("byPy")) : names(config.path("py"));
        if (options.isEmpty()) {
            return null;
        }
        if (requested == null || requested.isBlank()) {
            if (options.size() == 1) {
                return options.get(0);
            }
            throw new ValidationException("Python version", "is required; this version has " + String.join(", ", options));
        }
        if (!options.contains(requested.strip())) {
            throw unsupported("Python version", requested, options);
        }
        return requested.strip();
    }

    private static String processor(String instanceType, String family, JsonNode processors) {
        List<String> options = names(processors);
        if (options.isEmpty()) {
            return null;
        }
        if (family == null) {
            if (options.size() == 1) {
                return options.get(0);
            }
            throw new ValidationException("Instance type", "is required: it decides between the "
                    + String.join(" and ", options) + " images");
        }
        String processor;
        if (options.contains(family)) {
            processor = family;
        } else if (family.startsWith("inf")) {
            processor = "inf";
        } else if (family.startsWith("trn")) {
            processor = "trn";
        } else if (family.startsWith("g") || family.startsWith("p")) {
            processor = "gpu";
        } else {
            processor = "cpu";
        }
        if (!options.contains(processor)) {
            throw new ValidationException("Instance type", instanceType + " needs a " + processor + " image, and this "
                    + "framework version has only " + String.join(", ", options) + " images");
        }
        return processor;
    }

    private static void checkP2(String framework, String family, String version) {
        if (!"p2".equals(family)) {
            return;
        }
        String key = VersionOrder.key(version);
        if (framework.equals("pytorch") && key.compareTo(VersionOrder.key("1.13")) >= 0
                || framework.equals("tensorflow") && key.compareTo(VersionOrder.key("2.12")) >= 0) {
            throw new ValidationException("Instance type", "ml.p2 instances are not supported by " + framework + " "
                    + version + " images; choose a newer GPU instance (ml.g5, ml.p3, …)");
        }
    }

    private static String family(String instanceType) {
        if (instanceType == null || instanceType.isBlank()) {
            return null;
        }
        Matcher matcher = FAMILY.matcher(instanceType.strip());
        if (!matcher.matches()) {
            throw new ValidationException("Instance type", "'" + instanceType + "' is not a SageMaker instance type "
                    + "(e.g. ml.m5.large)");
        }
        return matcher.group(1);
    }

    private static List<String> names(JsonNode... nodes) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isArray()) {
                node.forEach(n -> names.add(n.asText()));
            } else {
                node.fieldNames().forEachRemaining(names::add);
            }
        }
        return names;
    }

    private static ValidationException unsupported(String field, String value, List<String> options) {
        return new ValidationException(field, "'" + value + "' is not supported; choose one of " + String.join(", ", options));
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return value.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
