package com.endpointstudio.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample model that ships with the studio: a linear model in model.json served by its own
 * code/inference.py, needing nothing but Python's standard library ([3, 80, 12] → 235.9).
 */
public final class SampleModel {

    private static final List<String> FILES = List.of("model.json", "code/inference.py");

    private SampleModel() {
    }

    /** Its files as a package tree, ready to build. */
    public static PackageTree tree() {
        PackageTree tree = new PackageTree();
        for (String name : FILES) {
            try (InputStream in = SampleModel.class.getResourceAsStream("/samples/linear-regression/" + name)) {
                tree.putText(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tree;
    }
}
