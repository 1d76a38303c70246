package com.endpointstudio.core.byoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A "bring your own container" folder named as a container's image: Local hosting runs its
 * {@code serve} program without building an image, as the container would run it. The program
 * folder is the one holding {@code serve}: the folder itself, or its only subfolder that has one
 * ({@code program/} as {@code byoc new} writes it, {@code decision_trees/} in SageMaker's
 * scikit_bring_your_own example). Its pip requirements are the folder's {@code requirements.txt}
 * (what the Dockerfile installs), else the program folder's, else none.
 *
 * @param folder       the container folder
 * @param program      the folder holding serve, wsgi.py, predictor.py (the image's /opt/program)
 * @param requirements the requirements file the image installs, or null
 */
public record ContainerFolder(Path folder, Path program, Path requirements) {

    /** A Windows drive ("C:\", "D:/") or a path that starts like one on any system. */
    private static final Pattern PATH_START = Pattern.compile("(/|\\./|\\.\\./|~|\\.$|\\.\\.$|[A-Za-z]:[\\\\/]).*");

    /** The program SageMaker runs in the container: {@code docker run IMAGE serve}. */
    public Path serve() {
        return program.resolve("serve");
    }

    /**
     * The container folder an image names, resolved against {@code baseDir} when relative: a folder
     * that holds {@code serve}, or whose only subfolder with a {@code serve} is its program folder.
     */
    public static Optional<ContainerFolder> of(String image, Path baseDir) {
        Path folder = path(image, baseDir);
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Path program = Files.isRegularFile(folder.resolve("serve")) ? folder : programFolder(folder);
        if (program == null) {
            return Optional.empty();
        }
        Path requirements = Stream.of(folder.resolve("requirements.txt"), program.resolve("requirements.txt"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        return Optional.of(new ContainerFolder(folder.toAbsolutePath().normalize(), program.toAbsolutePath().normalize(),
                requirements == null ? null : requirements.toAbsolutePath().normalize()));
    }

    /**
     * True when the image is written as a path of this computer (absolute, ./, ../, ~, a drive) or
     * names a folder that exists, not an image reference.
     */
    public static boolean namesFolder(String image, Path baseDir) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (PATH_START.matcher(image.strip()).matches() || image.contains("\\")) {
            return true;
        }
        Path folder = path(image, baseDir);
        return folder != null && Files.isDirectory(folder);
    }

    /** Why a folder given as the image is no container folder, for the user to fix. */
    public static String whyNot(String image, Path baseDir) {
        Path folder = path(image, baseDir);
        if (folder == null || !Files.exists(folder)) {
            return "'" + image + "' is neither an image reference nor a folder of this computer";
        }
        if (!Files.isDirectory(folder)) {
            return "'" + image + "' is a file; give the container folder (the one `endpoint-studio byoc new` writes)";
        }
        return "the folder " + folder + " has no serve program (program/serve as `endpoint-studio byoc new` writes it, "
                + "or serve beside predictor.py)";
    }

    private static Path path(String image, Path baseDir) {
        if (image == null || image.isBlank()) {
            return null;
        }
        String text = image.strip();
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            Path path = Path.of(text);
            return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path programFolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> programs = children.filter(Files::isDirectory)
                    .filter(child -> Files.isRegularFile(child.resolve("serve"))).toList();
            return programs.size() == 1 ? programs.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
