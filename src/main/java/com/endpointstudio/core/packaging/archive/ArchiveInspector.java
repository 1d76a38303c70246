package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.task.CancelToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists an existing model archive without writing anything: its files and sizes, the text of
 * its small scripts and requirements (for the layout checks), and every unsafe entry as an
 * error finding.
 */
public final class ArchiveInspector {

    private final ArchiveLimits limits;

    public ArchiveInspector() {
        this(ArchiveLimits.defaults());
    }

    public ArchiveInspector(ArchiveLimits limits) {
        this.limits = limits;
    }

    public Inspection inspect(Path archive, CancelToken cancel) {
        TreeMap<String, Long> files = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        List<Finding> problems = new ArrayList<>();
        TarStream.read(archive, limits, cancel, (entry, name, problem, data) -> {
            if (problem != null) {
                problems.add(Finding.error(entry.getName(), "This entry " + problem + "."));
                return;
            }
            if (entry.isDirectory() || name.isEmpty()) {
                return;
            }
            if (entry.isSymbolicLink() || entry.isLink()) {
                files.put(name, 0L);
                problems.add(Finding.info(name, "A link to '" + entry.getLinkName() + "'; SageMaker unpacks it as a link."));
                return;
            }
            files.put(name, entry.getSize());
            if (isText(name) && entry.getSize() <= limits.maxTextSize()) {
                texts.put(name, new String(data.readNBytes(limits.maxTextSize()), StandardCharsets.UTF_8));
            }
        });
        return new Inspection(archive, new ArchiveContents(files, texts), problems);
    }

    private static boolean isText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".py") || lower.endsWith(".txt") || lower.endsWith(".json");
    }
}
