package com.endpointstudio.core.packaging;

import com.endpointstudio.core.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The archive being assembled: archive path → where the bytes come from. Edits move entries
 * inside the archive only; the user's files on disk are read at build time and never changed.
 * Small text files are held in memory so the wizard can edit and scan them.
 */
public final class PackageTree {

    private final TreeMap<String, FileSource> files = new TreeMap<>();

    /** Adds or replaces one file; returns the normalised path. */
    public String put(String path, FileSource source) {
        String normal = ArchivePaths.normalize(path, "Path");
        for (String folder = ArchivePaths.parent(normal); !folder.isEmpty(); folder = ArchivePaths.parent(folder)) {
            if (files.containsKey(folder)) {
                throw new ValidationException("Path", "'" + folder + "' is a file, so '" + normal + "' can't go inside it");
            }
        }
        if (isFolder(normal)) {
            throw new ValidationException("Path", "'" + normal + "' is already a folder in the archive");
        }
        files.put(normal, source);
        return normal;
    }

    public void putText(String path, String text) {
        put(path, new FileSource.InMemory(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Removes a file, or a folder with everything in it. */
    public void remove(String path) {
        List<String> doomed = below(path);
        if (doomed.isEmpty()) {
            throw new ValidationException("Path", "'" + path + "' is not in the archive");
        }
        doomed.forEach(files::remove);
    }

    /** Moves a file or a folder; the target must not exist yet. */
    public void move(String from, String to) {
        String target = ArchivePaths.normalize(to, "New path");
        List<String> moving = below(from);
        if (moving.isEmpty()) {
            throw new ValidationException("Path", "'" + from + "' is not in the archive");
        }
        if (target.equals(from)) {
            return;
        }
        if (ArchivePaths.isWithin(target, from)) {
            throw new ValidationException("New path", "'" + target + "' is inside '" + from + "' itself");
        }
        if (files.containsKey(target) || isFolder(target)) {
            throw new ValidationException("New path", "'" + target + "' already exists in the archive");
        }
        Map<String, FileSource> moved = new HashMap<>();
        for (String path : moving) {
            moved.put(target + path.substring(from.length()), files.remove(path));
        }
        moved.forEach(this::put);
    }

    /** Renames the last segment of a file or folder. */
    public String rename(String path, String newName) {
        if (newName == null || newName.isBlank() || newName.contains("/")) {
            throw new ValidationException("Name", "must be a single name without '/'");
        }
        String target = ArchivePaths.join(ArchivePaths.parent(path), newName.strip());
        move(path, target);
        return target;
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    public boolean isFolder(String path) {
        String next = files.ceilingKey(path + "/");
        return next != null && next.startsWith(path + "/");
    }

    public FileSource source(String path) {
        return files.get(path);
    }

    /** The file paths, sorted. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Every folder implied by the file paths, sorted. */
    public List<String> folders() {
        TreeSet<String> folders = new TreeSet<>();
        for (String path : files.keySet()) {
            for (String f = ArchivePaths.parent(path); !f.isEmpty(); f = ArchivePaths.parent(f)) {
                folders.add(f);
            }
        }
        return List.copyOf(folders);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public void clear() {
        files.clear();
    }

    /** In-memory text of a file, when the wizard holds it (scripts, requirements). */
    public String text(String path) {
        return files.get(path) instanceof FileSource.InMemory memory
                ? new String(memory.bytes(), StandardCharsets.UTF_8) : null;
    }

    public ArchiveContents contents() {
        SortedMap<String, Long> sizes = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        files.forEach((path, source) -> {
            sizes.put(path, source.size());
            if (source instanceof FileSource.InMemory memory) {
                texts.put(path, new String(memory.bytes(), StandardCharsets.UTF_8));
            }
        });
        return new ArchiveContents(sizes, texts);
    }

    public ArchivePlan toPlan() {
        List<PlannedFile> planned = new ArrayList<>();
        files.forEach((path, source) -> planned.add(new PlannedFile(path, source)));
        return new ArchivePlan(planned);
    }

    /**
     * Applies a one-click fix; a fix that generates a script uses {@code templates}. A change of the
     * entry point is not a change of the tree: its holder applies it, and it is refused here.
     */
    public void apply(Fix fix, HandlerTemplates templates) {
        if (fix instanceof Fix.Move move) {
            move(move.from(), move.to());
        } else if (fix instanceof Fix.MoveInto into) {
            into.paths().forEach(path -> move(path, ArchivePaths.join(into.folder(), ArchivePaths.fileName(path))));
        } else if (fix instanceof Fix.Remove remove) {
            remove(remove.path());
        } else if (fix instanceof Fix.GenerateScript generate) {
            putText(generate.path(), templates.script(generate.framework()));
        } else if (fix instanceof Fix.UseEntryPoint use) {
            throw new IllegalArgumentException("'" + use.label() + "' changes the entry point, not the archive");
        }
    }

    private List<String> below(String path) {
        List<String> found = new ArrayList<>();
        if (files.containsKey(path)) {
            found.add(path);
        }
        String prefix = path + "/";
        for (String key : files.tailMap(prefix).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            found.add(key);
        }
        return found;
    }
}
