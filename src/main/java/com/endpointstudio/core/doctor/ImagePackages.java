package com.endpointstudio.core.doctor;

import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python modules each framework image installs (dated data, doctor/image-packages.json, each list
 * naming the Dockerfile it was read from), and what a requirements.txt adds: its distributions turned
 * into the names scripts import.
 */
public final class ImagePackages {

    private static final Pattern REQUIREMENT_NAME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9._-]+)");

    /** @param since the first framework version the list applies to, or null */
    public record ImageModules(Framework framework, String since, String source, Set<String> modules) {
    }

    /**
     * What a requirements.txt provides.
     *
     * @param opaque true when a line can't be read as a named distribution (-r other.txt, a bare URL):
     *               any import may then be installed
     */
    public record Requirements(Set<String> modules, boolean opaque) {

        public static final Requirements NONE = new Requirements(Set.of(), false);

        public boolean provides(String module) {
            return modules.contains(module.toLowerCase(Locale.ROOT));
        }
    }

    private final List<ImageModules> images;
    private final Map<String, String> distributions;
    private final String compiled;

    private ImagePackages(List<ImageModules> images, Map<String, String> distributions, String compiled) {
        this.images = images;
        this.distributions = distributions;
        this.compiled = compiled;
    }

    public static ImagePackages load() {
        try (InputStream in = ImagePackages.class.getResourceAsStream("/doctor/image-packages.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<ImageModules> images = new java.util.ArrayList<>();
            for (JsonNode image : root.path("images")) {
                Set<String> modules = new HashSet<>();
                image.path("modules").forEach(m -> modules.add(m.asText()));
                images.add(new ImageModules(Framework.fromCliName(image.path("framework").asText(), "framework"),
                        image.path("from").asText(null), image.path("source").asText(), Set.copyOf(modules)));
            }
            Map<String, String> distributions = new HashMap<>();
            root.path("distributions").fields().forEachRemaining(e -> distributions.put(e.getKey(), e.getValue().asText()));
            return new ImagePackages(List.copyOf(images), Map.copyOf(distributions), root.path("compiled").asText());
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException("doctor/image-packages.json can't be read",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The date the lists were read from their sources. */
    public String compiled() {
        return compiled;
    }

    /** The modules the framework's image installs, when the studio knows them for that version. */
    public Optional<ImageModules> of(Framework framework, FrameworkVersion version) {
        return images.stream().filter(i -> i.framework() == framework)
                .filter(i -> i.since() == null || version == null || version.isAtLeast(i.since()))
                .findFirst();
    }

    /** Reads requirements.txt the way pip names what it installs. */
    public Requirements requirements(String text) {
        Set<String> modules = new HashSet<>();
        boolean opaque = false;
        for (String raw : text.split("\\R")) {
            String line = raw.replaceAll("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher egg = EGG.matcher(line);
            String name;
            if (egg.find()) {
                name = egg.group(1);
            } else if (line.startsWith("-") || line.contains("://") || line.startsWith(".") || line.startsWith("/")) {
                // --index-url and --extra-index-url name where, not what; -r/-c and paths could hold anything
                opaque |= !(line.startsWith("--index-url") || line.startsWith("--extra-index-url")
                        || line.startsWith("-i ") || line.startsWith("--trusted-host") || line.startsWith("--find-links")
                        || line.startsWith("-f "));
                continue;
            } else {
                Matcher m = REQUIREMENT_NAME.matcher(line);
                if (!m.find()) {
                    opaque = true;
                    continue;
                }
                name = m.group(1);
            }
            String normal = name.toLowerCase(Locale.ROOT).replaceAll("[._-]+", "-");
            modules.add(normal.replace('-', '_'));
            String mapped = distributions.get(normal);
            if (mapped != null) {
                modules.add(mapped.toLowerCase(Locale.ROOT));
            }
            if (normal.startsWith("python-")) {
                modules.add(normal.substring(7).replace('-', '_'));
            }
        }
        return new Requirements(Set.copyOf(modules), opaque);
    }

    /** The distribution to put in requirements.txt for an import, when it is not named the same. */
    public String distributionFor(String module) {
        return distributions.entrySet().stream().filter(e -> e.getValue().equals(module)).map(Map.Entry::getKey)
                .filter(d -> !d.contains("-gpu") && !d.contains("headless") && !d.contains("contrib") && !d.contains("cu1"))
                .sorted().findFirst().orElse(module.replace('_', '-'));
    }
}
