package com.endpointstudio.core.packaging;

import java.nio.file.Path;
import java.util.List;

/**
 * An existing model archive read without extracting it: what it holds, and the entries that
 * make it unsafe or unreadable as findings (a path escaping the root, a device file, …).
 */
public record Inspection(Path archive, ArchiveContents contents, List<Finding> problems) {

    public Inspection {
        problems = List.copyOf(problems);
    }

    /** The archive's own problems followed by the framework layout's findings. */
    public List<Finding> validate(Framework framework, FrameworkVersion version) {
        List<Finding> findings = new java.util.ArrayList<>(problems);
        findings.addAll(LayoutValidator.validate(framework, version, contents));
        return findings;
    }
}
