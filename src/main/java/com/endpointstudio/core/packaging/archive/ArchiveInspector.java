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
        Collector collector = new Collector();
        TarStream.read(archive, limits, cancel, collector);
        return new Inspection(archive, new ArchiveContents(collector.files, collector.texts), collector.problems);
    }

    /**
     * Lists an archive read from a stream, front to back (an S3 object's body, say), holding only the
     * small text files in memory.
     *
     * @param label the archive's name in messages and in the inspection
     */
    public Inspection inspect(java.io.InputStream stream, String label, CancelToken cancel) {
        Collector collector = new Collector();
        TarStream.read(stream, label, limits, cancel, collector);
        return new Inspection(Path.of(label.replaceAll("[^A-Za-z0-9._-]", "_")),
                new ArchiveContents(collector.files, collector.texts), collector.problems);
    }

    private final class Collector implements TarStream.Visitor {
        final TreeMap<String, Long> files = new TreeMap<>();
        final Map<String, String> texts = new HashMap<>();
        final List<Finding> problems = new ArrayList<>();

        @Override
        public void visit(org.apache.commons.compress.archivers.tar.TarArchiveEntry entry, String name, String problem,
                          java.io.InputStream data) throws java.io.IOException {
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
        }
    }

    private static boolean isText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".py") || lower.endsWith(".txt") || lower.endsWith(".json");
    }
}
