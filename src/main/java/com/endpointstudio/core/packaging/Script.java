package com.endpointstudio.core.packaging;

import java.util.Set;

/**
 * The entry-point script as the checks see it.
 *
 * @param path    its archive path, e.g. code/inference.py
 * @param present whether the archive holds it
 * @param defined the module-level functions it defines; null when absent or too large to read
 */
record Script(String path, boolean present, Set<String> defined) {

    /** True when the script surely defines {@code function}. */
    boolean defines(String function) {
        return defined != null && defined.contains(function);
    }

    /** True when the script defines {@code function} or can't be read to tell: no finding should assume it missing. */
    boolean mayDefine(String function) {
        return present && (defined == null || defined.contains(function));
    }

    String name() {
        return ArchivePaths.fileName(path);
    }
}
