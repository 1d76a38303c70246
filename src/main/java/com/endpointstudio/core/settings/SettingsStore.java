package com.endpointstudio.core.settings;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and writes the settings file. Writes go through a temporary file and a move; a file
 * that can't be read is set aside (never deleted), defaults load, and the caller is told why.
 */
public final class SettingsStore {

    /** What loading found: the settings in force and, when the file was unusable, why. */
    public record Loaded(Settings settings, Optional<String> problem, boolean firstStart) {
    }

    private final Path file;
    private final Supplier<Settings> defaults;
    /**
     * Made on first load or save: building it loads several hundred classes, which commands that never
     * read the settings skip.
     */
    private ObjectMapper mapper;

    public SettingsStore(Path file, Supplier<Settings> defaults) {
        this.file = file;
        this.defaults = defaults;
    }

    private synchronized ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(MapperFeature.AUTO_DETECT_IS_GETTERS);
        }
        return mapper;
    }

    public Path file() {
        return file;
    }

    /**
     * The theme alone, for the window's first frame, read with Jackson's streaming parser (a few dozen
     * classes, where reading all the settings loads several hundred): the light theme when the file is
     * missing or unreadable, as {@link #load} would give.
     */
    public static Theme peekTheme(Path file) {
        try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return Theme.LIGHT;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("theme")) {
                    return "DARK".equals(json.getValueAsString()) ? Theme.DARK : Theme.LIGHT;
                }
                json.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // load() reports what is wrong with the file once the window is up
        }
        return Theme.LIGHT;
    }

    public Loaded load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(defaults.get(), Optional.empty(), true);
        } catch (IOException e) {
            return new Loaded(defaults.get(), Optional.of("The settings file " + file + " could not be read ("
                    + e.getMessage() + "); the studio started with default settings."), false);
        }
        try {
            Settings settings = mapper().readValue(content, Settings.class);
            if (settings == null) {
                throw new IOException("the file is empty");
            }
            return new Loaded(settings, Optional.empty(), false);
        } catch (IOException | RuntimeException e) {
            return new Loaded(defaults.get(), Optional.of(setAside(e)), false);
        }
    }

    public void save(Settings settings) {
        try {
            AtomicFiles.write(file, mapper().writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new StudioException("Could not save settings to " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        }
    }

    private String setAside(Exception cause) {
        String reason = firstLine(cause.getMessage());
        try {
            Path aside = AtomicFiles.setAside(file);
            return "The settings file was damaged (" + reason + "). It was kept as " + aside
                    + " and the studio started with default settings.";
        } catch (IOException e) {
            return "The settings file " + file + " was damaged (" + reason + ") and could not be moved aside ("
                    + e.getMessage() + "). The studio started with default settings.";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
