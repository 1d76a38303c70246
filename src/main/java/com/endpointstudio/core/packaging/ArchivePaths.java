package com.endpointstudio.core.packaging;

import com.endpointstudio.core.error.ValidationException;

/** Rules for paths inside a model archive: relative, '/'-separated, nothing that could escape the root. */
public final class ArchivePaths {

    private ArchivePaths() {
    }

    /**
     * Returns the path in normal form (no leading or trailing '/', no empty segments), or throws
     * a {@link ValidationException} naming {@code field} when it is absolute or climbs out.
     */
    public static String normalize(String path, String field) {
        if (path == null || path.isBlank()) {
            throw new ValidationException(field, "is empty");
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new ValidationException(field, "'" + path + "' is absolute; paths in the archive are relative to /opt/ml/model");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new ValidationException(field, "'" + path + "' contains a backslash or NUL character");
        }
        StringBuilder normal = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new ValidationException(field, "'" + path + "' uses '..'; it would point outside the archive");
            }
            if (segment.length() > 255) {
                throw new ValidationException(field, "a name in '" + path + "' is longer than 255 characters");
            }
            if (!normal.isEmpty()) {
                normal.append('/');
            }
            normal.append(segment);
        }
        if (normal.isEmpty()) {
            throw new ValidationException(field, "'" + path + "' names no file");
        }
        return normal.toString();
    }

    public static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The folder holding {@code path}, "" for the archive root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /** True when {@code path} is {@code folder} itself or lies below it. */
    public static boolean isWithin(String path, String folder) {
        return folder.isEmpty() || path.equals(folder) || path.startsWith(folder + "/");
    }
}
