package com.endpointstudio.core.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides where dropped files and folders land in the archive, the way the framework's
 * container expects them: scripts and requirements under code/, a SavedModel under a version
 * number, a model folder's contents at the root. A folder keeps its name where the framework reads
 * it: a TensorFlow Serving model folder ({@code half_plus_three/00000123/}) is the model's name, and
 * a folder of several such models keeps them all. Reads the disk, so it runs off the FX thread.
 */
public final class Placement {

    /** Text files (scripts, requirements, JSON configs) up to this size are held in memory so they can be scanned and edited. */
    static final long EDITABLE_LIMIT = 1024 * 1024;

    /** One file to add, and anything the user should know about the drop. */
    public record Placed(String path, FileSource source) {
    }

    public record Result(List<Placed> files, List<String> problems) {
    }

    private final Framework framework;
    private final Set<String> taken;

    /**
     * @param taken archive paths already in the tree, so a second SavedModel gets the next
     *              version number instead of overwriting the first
     */
    public Placement(Framework framework, Set<String> taken) {
        this.framework = framework;
        this.taken = new java.util.HashSet<>(taken);
    }

    public Result place(List<Path> dropped) {
        List<Placed> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path path : dropped) {
            if (Files.isDirectory(path)) {
                addTree(path, folderTarget(path), files, problems);
            } else if (Files.isRegularFile(path)) {
                add(path, fileTarget(path.getFileName().toString()), files, problems);
            } else {
                problems.add(path + " is not a regular file or folder; it was not added.");
            }
        }
        return new Result(files, problems);
    }

    /** Where a single file goes, by its name. */
    public static String fileTarget(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py") || lower.equals("requirements.txt")) {
            return ArchivePaths.join(FrameworkLayout.CODE_DIR, name);
        }
        return name;
    }

    /** The archive folder a dropped folder's contents go to ("" for the root). */
    private String folderTarget(Path folder) {
        String name = folder.getFileName().toString();
        if (name.equals(FrameworkLayout.CODE_DIR)) {
            return FrameworkLayout.CODE_DIR;
        }
        if (Files.isRegularFile(folder.resolve("saved_model.pb"))) {
            return FrameworkLayout.isVersionFolder(name) && !taken(name) ? name : nextVersion();
        }
        if (Files.isDirectory(folder.resolve(FrameworkLayout.CODE_DIR))) {
            return "";
        }
        if (framework == Framework.TENSORFLOW) {
            return name; // a model folder of versions: its name is the model's name
        }
        return holdsModelFiles(folder) ? "" : name;
    }

    /** Where the contents of a code folder go: code/ itself, whatever the folder is called. */
    public Result placeCode(Path folder) {
        List<Placed> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        addTree(folder, FrameworkLayout.CODE_DIR, files, problems);
        return new Result(files, problems);
    }

    private boolean holdsModelFiles(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(child -> Files.isRegularFile(child)
                    && FrameworkLayout.isModelFile(framework, child.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private String nextVersion() {
        int version = 1;
        while (taken(Integer.toString(version))) {
            version++;
        }
        taken.add(Integer.toString(version) + "/");
        return Integer.toString(version);
    }

    private boolean taken(String folder) {
        return taken.stream().anyMatch(p -> p.equals(folder) || p.startsWith(folder + "/"));
    }

    private void addTree(Path root, String target, List<Placed> files, List<String> problems) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> !Files.isDirectory(p)).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!Files.isRegularFile(file)) {
                    problems.add(file + " is not a regular file; it was not added.");
                    continue;
                }
                add(file, ArchivePaths.join(target, relative), files, problems);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add("Could not read the folder " + root + ": " + e.getMessage());
        }
    }

    private static void add(Path file, String target, List<Placed> files, List<String> problems) {
        try {
            long size = Files.size(file);
            String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean editable = (lower.endsWith(".py") || lower.endsWith(".txt") || lower.endsWith(".json"))
                    && size <= EDITABLE_LIMIT;
            if (!Files.isReadable(file)) {
                throw new IOException("permission denied");
            }
            FileSource source = editable ? new FileSource.InMemory(Files.readAllBytes(file))
                    : new FileSource.OnDisk(file.toAbsolutePath(), size);
            files.add(new Placed(target, source));
        } catch (IOException e) {
            problems.add("Could not read " + file + " (" + e.getMessage() + "); it was not added.");
        }
    }
}
