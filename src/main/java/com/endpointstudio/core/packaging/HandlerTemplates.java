package com.endpointstudio.core.packaging;

import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Starting points for code/inference.py and code/requirements.txt, one per framework. */
public final class HandlerTemplates {

    private static final String FOLDER = "/packaging/templates/";

    /** The inference script template for a framework; custom containers bring their own server. */
    public String script(Framework framework) {
        if (framework == Framework.CUSTOM) {
            throw new StudioException("A custom container runs its own server, so there is no handler script to generate.");
        }
        return read(framework.cliName().toLowerCase(Locale.ROOT) + ".py");
    }

    public String requirements() {
        return read("requirements.txt");
    }

    private static String read(String name) {
        try (InputStream in = HandlerTemplates.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
