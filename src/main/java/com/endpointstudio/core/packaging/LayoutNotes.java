package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the rules find while reading one archive: findings, and the role of each path. */
final class LayoutNotes {

    final List<Finding> findings = new ArrayList<>();
    final Map<String, String> roles = new TreeMap<>();

    void add(Finding finding) {
        findings.add(finding);
    }

    /** Names what a file or folder is to the container; the first rule to name a path wins. */
    void role(String path, String role) {
        roles.putIfAbsent(path, role);
    }
}
