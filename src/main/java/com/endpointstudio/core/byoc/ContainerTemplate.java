package com.endpointstudio.core.byoc;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A "bring your own container" folder for a library SageMaker has no image for, in the layout of
 * SageMaker's own example (Dockerfile; program/ with nginx.conf, serve, wsgi.py, predictor.py and an
 * optional train): the container contract is GET /ping and POST /invocations on port 8080, the model
 * in /opt/ml/model, `serve` and `train` run as the container's commands. spaCy and scikit-learn get
 * their own scoring; any other library a pickled model with a predict method.
 */
public final class ContainerTemplate {

    /** pip package names (PEP 508 names, optionally with a version). */
    private static final Pattern LIBRARY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?([<>=!~]=?[0-9][\\w.*]*)?");

    /** What the scoring of each known library imports besides the library itself. */
    private static final Map<String, String> SCORING = Map.of("spacy", "spacy", "scikit-learn", "sklearn",
            "sklearn", "sklearn");

    private ContainerTemplate() {
    }

    /** The files written, by path inside the folder. */
    public static Map<String, String> files(String library, boolean train) {
        if (library == null || !LIBRARY.matcher(library.strip()).matches()) {
            throw new ValidationException("Library", "'" + library + "' is not a pip package name (like spacy, "
                    + "lightgbm or onnxruntime==1.19.2)");
        }
        String name = library.strip().replaceAll("[<>=!~].*", "").toLowerCase(Locale.ROOT);
        String scoring = SCORING.getOrDefault(name, "generic");
        String trainTemplate = scoring.equals("generic") ? null : "train-" + scoring;
        if (train && trainTemplate == null) {
            throw new ValidationException("Train", "there is no training template for " + name + " (spaCy and "
                    + "scikit-learn have one); leave --train out and write program/train yourself");
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Dockerfile", fill(read("Dockerfile"), name).replace("{{TRAIN_CHMOD}}", train ? " /opt/program/train"
                : ""));
        files.put("requirements.txt", requirements(library.strip(), scoring));
        files.put("program/nginx.conf", read("nginx.conf"));
        files.put("program/serve", read("serve"));
        files.put("program/wsgi.py", read("wsgi.py"));
        files.put("program/predictor.py", fill(read("predictor.py"), name));
        files.put("program/scoring.py", fill(read("scoring/" + scoring + ".py"), name));
        if (train) {
            files.put("program/train", read(trainTemplate));
        }
        return files;
    }

    /**
     * Writes the folder; refuses to overwrite any file already there, so nothing of the user's is lost.
     *
     * @return the files written, as paths inside the folder
     */
    public static List<String> write(Path folder, String library, boolean train) {
        Map<String, String> files = files(library, train);
        List<String> existing = files.keySet().stream().filter(name -> Files.exists(folder.resolve(name))).toList();
        if (!existing.isEmpty()) {
            throw new ValidationException("Output", folder + " already holds " + String.join(", ", existing)
                    + "; choose an empty folder");
        }
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                AtomicFiles.write(target, file.getValue().getBytes(StandardCharsets.UTF_8));
                if (file.getKey().equals("program/serve") || file.getKey().equals("program/train")) {
                    executable(target);
                }
            }
        } catch (IOException e) {
            throw new StudioException("Could not write the container folder " + folder + ": " + e.getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    private static String requirements(String library, String scoring) {
        StringBuilder out = new StringBuilder(library).append('\n');
        if (!scoring.equals("spacy")) {
            out.append("numpy\n");
        }
        if (scoring.equals("sklearn")) {
            out.append("joblib\n");
        }
        return out.append("flask\ngunicorn\n").toString();
    }

    private static void executable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
            // Windows: the Dockerfile's chmod makes them executable in the image
        }
    }

    private static String fill(String template, String library) {
        return template.replace("{{LIBRARY}}", library);
    }

    private static String read(String name) {
        try (InputStream in = ContainerTemplate.class.getResourceAsStream("/byoc/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/byoc/" + name + " is missing from the studio's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read /byoc/" + name, e);
        }
    }
}
