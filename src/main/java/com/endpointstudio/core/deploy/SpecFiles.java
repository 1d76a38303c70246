package com.endpointstudio.core.deploy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Saves and loads a {@link DeploymentSpec} as JSON. Saving is atomic; loading refuses what it
 * cannot read faithfully — malformed JSON, an unknown field (a typo would otherwise be dropped
 * silently) or a format version this studio does not know — with the file and the place named.
 */
public final class SpecFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Maps sorted by key: a saved spec diffs cleanly under version control.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private SpecFiles() {
    }

    public static DeploymentSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StudioException("The deployment spec " + file + " does not exist. Check the path.", e);
        } catch (IOException e) {
            throw new StudioException("Could not read the deployment spec " + file + ": " + e.getMessage(), e);
        }
        return fromJson(text, file.toString());
    }

    /** Parses a spec; {@code source} names where the text came from in error messages. */
    public static DeploymentSpec fromJson(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StudioException(source + " is not valid JSON" + where(e) + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new StudioException(source + " does not hold a deployment spec (expected a JSON object).");
        }
        JsonNode version = tree.get("specVersion");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new StudioException(source + " has no \"specVersion\" number; it is not a deployment spec "
                    + "saved by Endpoint Studio.");
        }
        if (version.asInt() != DeploymentSpec.CURRENT_VERSION) {
            throw new StudioException(source + " is a deployment spec of format version " + version.asText()
                    + "; this studio reads version " + DeploymentSpec.CURRENT_VERSION
                    + ". Open it with the studio that saved it, or update the studio.");
        }
        try {
            return MAPPER.readValue(json, DeploymentSpec.class);
        } catch (JsonMappingException e) {
            throw new StudioException(source + where(e) + ": field " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new StudioException(source + " could not be read: " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(DeploymentSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deployment spec is always serialisable", e);
        }
    }

    /** Writes the spec through a temporary file and a move, so a crash never leaves half a file. */
    public static void write(Path file, DeploymentSpec spec) {
        try {
            AtomicFiles.write(file, toJson(spec).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StudioException("Could not save the deployment spec to " + file + ": " + e.getMessage()
                    + ". Check that the folder exists and is writable.", e);
        }
    }

    /**
     * The spec with every local model data location made absolute against {@code baseDir} (the
     * spec file's folder), so an export runs the same from any working directory.
     */
    public static DeploymentSpec withLocalPathsFrom(DeploymentSpec spec, Path baseDir) {
        List<DeploymentSpec.ModelSpec> models = spec.models().stream().map(model -> new DeploymentSpec.ModelSpec(
                model.name(), model.executionRoleArn(), model.containers().stream().map(c -> {
                    DeploymentSpec.ModelDataSpec data = c.modelData();
                    // a container folder given as the image (Local hosting runs it) is a path like model data
                    String image = com.endpointstudio.core.byoc.ContainerFolder.of(c.image(), baseDir)
                            .map(folder -> folder.folder().toString()).orElse(c.image());
                    if (data == null || data.location() == null || data.location().contains("://")
                            || data.location().isBlank()) {
                        return java.util.Objects.equals(image, c.image()) ? c : new DeploymentSpec.ContainerSpec(image, c.framework(),
                                data, c.environment(), c.hostname(), c.mode());
                    }
                    String absolute = baseDir.resolve(data.location()).toAbsolutePath().normalize().toString();
                    return new DeploymentSpec.ContainerSpec(image, c.framework(), new DeploymentSpec.ModelDataSpec(
                            absolute, data.uploadBucket(), data.uploadPrefix(), data.uncompressed()),
                            c.environment(), c.hostname(), c.mode());
                }).toList(), model.inferenceExecutionMode(), model.vpc(), model.networkIsolation())).toList();
        return new DeploymentSpec(spec.specVersion(), models, spec.endpointConfig(), spec.endpoint(),
                spec.inferenceComponents());
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The JSON path of a mapping problem, e.g. {@code models[0].containers[0].image}. */
    private static String path(JsonMappingException e) {
        String text = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return text.startsWith(".") ? text.substring(1) : text.isEmpty() ? "(top level)" : text;
    }
}
