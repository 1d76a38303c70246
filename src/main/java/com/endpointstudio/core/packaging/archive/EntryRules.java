package com.endpointstudio.core.packaging.archive;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Judges each tar entry's name and kind: what makes an entry unsafe to list or extract. */
final class EntryRules {

    private EntryRules() {
    }

    /** The name without "./" prefixes and trailing '/', as the archive path users see. */
    static String normalName(String raw) {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** Why this entry is unsafe, or null when it is fine. */
    static String problem(TarArchiveEntry entry) {
        String name = entry.getName();
        String path = pathProblem(name);
        if (path != null) {
            return path;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "is a device file; a model archive holds only files, folders and links";
        }
        if (entry.isFIFO()) {
            return "is a named pipe; a model archive holds only files, folders and links";
        }
        if (entry.isSymbolicLink()) {
            String target = entry.getLinkName();
            if (target.startsWith("/") || resolve(parentOf(normalName(name)), target) == null) {
                return "is a link to '" + target + "', outside the archive";
            }
        }
        if (entry.isLink()) {
            String target = entry.getLinkName();
            if (pathProblem(target) != null) {
                return "is a hard link to '" + target + "', outside the archive";
            }
        }
        return null;
    }

    private static String pathProblem(String name) {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:[\\\\/].*")) {
            return "has an absolute path; extracting it would write outside the model folder";
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "climbs out of the archive with '..'; extracting it would write outside the model folder";
            }
        }
        if (name.indexOf('\0') >= 0) {
            return "has a NUL character in its name";
        }
        return null;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Resolves a relative link target against a folder; null when it climbs above the root. */
    static String resolve(String folder, String target) {
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : (folder + "/" + target).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return String.join("/", parts);
    }
}
