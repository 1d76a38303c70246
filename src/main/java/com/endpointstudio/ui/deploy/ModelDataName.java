package com.endpointstudio.ui.deploy;

import java.nio.file.Path;
import java.util.Locale;

/** The endpoint name a model artifact suggests: its file name (or its folder's, for model.tar.gz) as a SageMaker name. */
final class ModelDataName {

    private ModelDataName() {
    }

    static String suggest(Path artifact) {
        Path parent = artifact.toAbsolutePath().getParent();
        String base = artifact.getFileName().toString().replaceAll("\\.tar\\.gz$|\\.tgz$", "");
        if (base.equals("model") && parent != null && parent.getFileName() != null) {
            base = parent.getFileName().toString();
        }
        String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "my-endpoint" : name;
    }
}
