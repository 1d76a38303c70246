package com.endpointstudio.core.doctor;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.hosting.ModelDataStore.ObjectInfo;
import com.endpointstudio.core.hosting.ModelDataStore.StoredObject;
import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.packaging.archive.ArchiveInspector;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads model data wherever it is, without extracting it: a local model.tar.gz or folder, an S3
 * object streamed front to back (gzip and tar read as the bytes arrive, never copied to disk), an S3
 * prefix of loose files (CompressionType None) or of model archives (a multi-model endpoint).
 */
public final class ModelDataReader {

    /** Archives of a multi-model prefix read at most; the rest are named in a note. */
    static final int MAX_MODELS = 20;
    private static final long MAX_TEXT = 1024 * 1024;

    private final ModelDataStore store;
    private final ArchiveInspector inspector = new ArchiveInspector();

    /** @param store the connection's model data (S3 on AWS), or null when only local data is read */
    public ModelDataReader(ModelDataStore store) {
        this.store = store;
    }

    /**
     * @param multiModel the location is a prefix of model archives
     * @param progress   bytes read of the archive(s), against their total when known
     */
    public List<ModelContents> read(String location, boolean multiModel, ProgressListener progress, CancelToken cancel) {
        if (location == null || location.isBlank()) {
            throw new StudioException("No model data to examine.");
        }
        if (location.startsWith("s3://")) {
            return s3(location, multiModel, progress, cancel);
        }
        if (location.startsWith("https://")) {
            throw new StudioException("The model data is at " + location + ", which the doctor does not download; "
                    + "give its model.tar.gz or its s3:// location.");
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            return List.of(folder(path, cancel));
        }
        if (!Files.isRegularFile(path)) {
            throw new StudioException("The model data " + path + " does not exist.");
        }
        try (InputStream in = Files.newInputStream(path)) {
            long size = Files.size(path);
            Inspection inspection = inspector.inspect(new Counted(in, size, progress, cancel),
                    path.getFileName().toString(), cancel);
            return List.of(new ModelContents(path.getFileName().toString(), inspection.contents(), inspection.problems(),
                    size));
        } catch (IOException e) {
            throw new StudioException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private List<ModelContents> s3(String url, boolean multiModel, ProgressListener progress, CancelToken cancel) {
        if (store == null) {
            throw new StudioException(url + " is in S3: choose an AWS connection to examine it.");
        }
        if (!url.endsWith("/") && !multiModel) {
            try {
                return List.of(streamed(url, progress, cancel));
            } catch (StudioException e) {
                if (!e.errorCode().filter("NoSuchKey"::equals).isPresent()) {
                    throw e;
                }
            }
        }
        return prefix(url.endsWith("/") ? url : url + "/", multiModel, progress, cancel);
    }

    /** One archive read as its bytes arrive: gzip and tar are both sequential, so nothing is written to disk. */
    private ModelContents streamed(String url, ProgressListener progress, CancelToken cancel) {
        try (StoredObject object = store.open(url);
             CancelToken.Registration abort = cancel.onCancel(() -> close(object))) {
            Inspection inspection = inspector.inspect(new Counted(object.body(), object.size(), progress, cancel), url,
                    cancel);
            return new ModelContents(url, inspection.contents(), inspection.problems(), object.size());
        } catch (IOException e) {
            cancel.throwIfCancelled();
            throw new StudioException("Reading " + url + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a cancel closes the download under the reader, which then sees a broken stream
            cancel.throwIfCancelled();
            throw e;
        }
    }

    private List<ModelContents> prefix(String url, boolean multiModel, ProgressListener progress, CancelToken cancel) {
        List<ObjectInfo> objects = store.objects(url);
        if (objects.isEmpty()) {
            throw new StudioException("There is nothing at " + url + ".");
        }
        List<ObjectInfo> archives = objects.stream().filter(o -> isArchive(o.key())).toList();
        if (multiModel || archives.size() == objects.size()) {
            List<ModelContents> models = new ArrayList<>();
            long total = archives.stream().limit(MAX_MODELS).mapToLong(ObjectInfo::size).sum();
            long[] before = {0};
            for (ObjectInfo archive : archives.stream().limit(MAX_MODELS).toList()) {
                cancel.throwIfCancelled();
                long offset = before[0];
                models.add(streamed(url + archive.key(), (done, all) -> progress.progress(offset + done, total), cancel));
                before[0] += archive.size();
            }
            if (models.isEmpty()) {
                throw new StudioException(url + " holds no model archive (*.tar.gz) for a multi-model endpoint.");
            }
            if (archives.size() > MAX_MODELS) {
                ModelContents first = models.get(0);
                List<Finding> notes = new ArrayList<>(first.problems());
                notes.add(Finding.info("", "The prefix holds " + archives.size() + " model archives; the first "
                        + MAX_MODELS + " were examined."));
                models.set(0, new ModelContents(first.label(), first.contents(), notes, first.compressedBytes()));
            }
            return models;
        }
        // loose files: the prefix is /opt/ml/model itself (CompressionType None)
        TreeMap<String, Long> files = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        for (ObjectInfo object : objects) {
            cancel.throwIfCancelled();
            files.put(object.key(), object.size());
            if (isText(object.key()) && object.size() <= MAX_TEXT) {
                try (StoredObject body = store.open(url + object.key())) {
                    texts.put(object.key(), new String(body.body().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new StudioException("Reading " + url + object.key() + " failed: " + e.getMessage(), e);
                }
            }
        }
        return List.of(new ModelContents(url, new ArchiveContents(files, texts), List.of(), null));
    }

    private static ModelContents folder(Path root, CancelToken cancel) {
        TreeMap<String, Long> files = new TreeMap<>();
        Map<String, String> texts = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                cancel.throwIfCancelled();
                String path = root.relativize(file).toString().replace('\\', '/');
                long size = Files.size(file);
                files.put(path, size);
                if (isText(path) && size <= MAX_TEXT) {
                    texts.put(path, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StudioException("Could not read the folder " + root + ": " + e.getMessage(), e);
        }
        return new ModelContents(root.getFileName() + "/", new ArchiveContents(files, texts), List.of(), null);
    }

    private static boolean isArchive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    private static boolean isText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".py") || lower.endsWith(".txt") || lower.endsWith(".json");
    }

    private static void close(StoredObject object) {
        try {
            object.close();
        } catch (IOException | RuntimeException ignored) {
            // cancelled: the reader's next read fails and the job ends as cancelled
        }
    }

    /** Counts the bytes read for progress and stops at a cancel between reads. */
    static final class Counted extends FilterInputStream {
        private final long size;
        private final ProgressListener progress;
        private final CancelToken cancel;
        private long done;
        private long reported;

        Counted(InputStream in, long size, ProgressListener progress, CancelToken cancel) {
            super(in);
            this.size = size;
            this.progress = progress;
            this.cancel = cancel;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) {
            cancel.throwIfCancelled();
            if (n > 0) {
                done += n;
                if (done - reported >= 1 << 20 || done == size) {
                    reported = done;
                    progress.progress(done, size);
                }
            }
        }
    }
}
