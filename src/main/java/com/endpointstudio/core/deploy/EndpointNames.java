package com.endpointstudio.core.deploy;

import java.nio.file.Path;
import java.util.Locale;

/** The name an artifact suggests: the wizard's endpoint name for a freshly built one, a transform's Model name. */
public final class EndpointNames {

    private EndpointNames() {
    }

    /** "houses" for houses/model.tar.gz or houses.tar.gz, within the API's name pattern. */
    public static String fromArtifact(Path artifact) {
        Path parent = artifact.toAbsolutePath().getParent();
        String base = artifact.getFileName().toString().replaceAll("\\.tar\\.gz$|\\.tgz$", "");
        if (base.equals("model") && parent != null && parent.getFileName() != null) {
            base = parent.getFileName().toString();
        }
        String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "my-endpoint" : name;
    }
}
