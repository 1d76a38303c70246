package com.endpointstudio.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The framework inference images, read from {@code catalog/image-uris.json} (derived from the
 * SageMaker Python SDK's image configuration; the file names its source and date). Lists what
 * the pickers offer; {@link ImageUriResolver} turns a choice into a URI.
 */
public final class ImageCatalog {

    /** The frameworks the deploy wizard offers, by the SDK's names. */
    public static final List<String> FRAMEWORKS = List.of("pytorch", "tensorflow", "sklearn", "mxnet", "xgboost",
            "huggingface");

    private final JsonNode root;

    private ImageCatalog(JsonNode root) {
        this.root = root;
    }

    public static ImageCatalog load() {
        try (InputStream in = ImageCatalog.class.getResourceAsStream("/catalog/image-uris.json")) {
            return new ImageCatalog(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the image catalog can't be read", e);
        }
    }

    public String source() {
        return root.path("source").asText();
    }

    /** The inference versions of a framework, newest first, aliases included (e.g. "2.1" and "2.1.0"). */
    public List<String> versions(String framework) {
        JsonNode scope = scope(framework, "inference");
        List<String> versions = new ArrayList<>();
        if (scope == null) {
            return versions;
        }
        scope.path("versions").fieldNames().forEachRemaining(versions::add);
        scope.path("aliases").fieldNames().forEachRemaining(alias -> {
            if (!versions.contains(alias)) {
                versions.add(alias);
            }
        });
        versions.sort(Comparator.comparing(VersionOrder::key).reversed());
        return versions;
    }

    /** Python versions of a framework version ("py310", …); empty when the image has no Python part. */
    public List<String> pyVersions(String framework, String version, String baseFrameworkVersion) {
        JsonNode config = versionConfig(framework, version);
        if (config == null) {
            return List.of();
        }
        if (framework.equals("huggingface")) {
            String base = config.path("baseAliases").path(nullToEmpty(baseFrameworkVersion)).asText(baseFrameworkVersion);
            config = base == null ? null : config.path("bases").get(base);
            if (config == null) {
                return List.of();
            }
        }
        List<String> options = new ArrayList<>();
        if (config.has("byPy")) {
            config.path("byPy").fieldNames().forEachRemaining(options::add);
        } else {
            config.path("py").forEach(py -> options.add(py.asText()));
        }
        return options;
    }

    /** Hugging Face: the base frameworks of a transformers version ("pytorch2.1", "pytorch2.1.0", …). */
    public List<String> baseFrameworks(String version) {
        JsonNode config = versionConfig("huggingface", version);
        List<String> bases = new ArrayList<>();
        if (config != null) {
            config.path("baseAliases").fieldNames().forEachRemaining(bases::add);
            config.path("bases").fieldNames().forEachRemaining(bases::add);
        }
        return bases;
    }

    private static final java.util.regex.Pattern ECR_IMAGE = java.util.regex.Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.[a-z0-9.-]+/(.+)");

    /**
     * The same framework image in another region: AWS publishes each image in every region's registry
     * account of its registry table, so the account and host change and the repository and tag stay.
     * Empty when the image is not one of the catalog's registries (an image in the user's own ECR).
     */
    public java.util.Optional<String> sameImageIn(String imageUri, String region) {
        java.util.regex.Matcher matcher = imageUri == null ? null : ECR_IMAGE.matcher(imageUri);
        if (matcher == null || !matcher.matches()) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> accounts = new java.util.TreeSet<>();
        root.path("registrySets").forEach(set -> {
            if (matcher.group(1).equals(set.path(matcher.group(2)).asText()) && set.has(region)) {
                accounts.add(set.get(region).asText());
            }
        });
        return accounts.size() == 1 ? java.util.Optional.of(accounts.iterator().next() + ".dkr." + Partitions.ecrHost(region)
                + "/" + matcher.group(3)) : java.util.Optional.empty();
    }

    JsonNode scope(String framework, String scope) {
        JsonNode node = root.path("frameworks").path(framework).get(scope);
        return node == null || node.isMissingNode() ? null : node;
    }

    JsonNode registries(int index) {
        return root.path("registrySets").get(index);
    }

    private JsonNode versionConfig(String framework, String version) {
        JsonNode scope = scope(framework, "inference");
        if (scope == null || version == null) {
            return null;
        }
        String full = scope.path("aliases").path(version).asText(version);
        return scope.path("versions").get(full);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
