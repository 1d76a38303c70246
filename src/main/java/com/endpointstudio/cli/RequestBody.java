package com.endpointstudio.cli;

import com.endpointstudio.core.error.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A --body value: {@code @FILE} sends the file's bytes, {@code @-} standard input, anything else the text itself. */
final class RequestBody {

    private RequestBody() {
    }

    static byte[] read(String value) {
        if (value == null) {
            throw new ValidationException("--body", "is required: the request body, or @FILE for a file's bytes");
        }
        if (!value.startsWith("@")) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        String name = value.substring(1);
        try {
            if (name.equals("-")) {
                return System.in.readAllBytes();
            }
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new ValidationException("--body", name + " is not a file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ValidationException("--body", name + " can't be read: " + e.getMessage());
        }
    }
}
