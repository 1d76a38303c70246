package com.endpointstudio.core.packaging.archive;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Checks made before a build writes anything, and the sentences for failures while it writes. */
final class OutputChecks {

    private OutputChecks() {
    }

    /**
     * Refuses an output that is one of the inputs or lies inside a folder being packaged (the
     * next build would pack the archive into itself).
     */
    static void check(ArchivePlan plan, Collection<Path> inputFolders, Path output) {
        if (plan.files().isEmpty()) {
            throw new ValidationException("Archive", "is empty: add the model files first");
        }
        Path target = output.toAbsolutePath().normalize();
        for (Path folder : inputFolders) {
            Path root = folder.toAbsolutePath().normalize();
            if (target.startsWith(root)) {
                throw new ValidationException("Output", target + " is inside the input folder " + root
                        + "; choose a place outside the files being packaged");
            }
        }
        for (PlannedFile file : plan.files()) {
            if (file.source() instanceof FileSource.OnDisk disk && disk.file().toAbsolutePath().normalize().equals(target)) {
                throw new ValidationException("Output", target + " is one of the input files (" + file.path()
                        + "); it would be overwritten");
            }
        }
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ValidationException("Output", "the folder " + parent + " does not exist");
        }
    }

    /** Turns a write failure into a sentence; a full disk says how much the build needed. */
    static StudioException writeFailure(Path output, IOException e, long needed) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("not enough space")) {
            return new StudioException("The disk holding " + output.getParent() + " is full: the build needs about "
                    + needed / (1024 * 1024) + " MiB. Free some space or choose another output folder; "
                    + "the partial output was removed.", e);
        }
        return new StudioException("Could not write " + output + ": " + message + ". The partial output was removed.", e);
    }

    static Path partialBeside(Path output) throws IOException {
        Path target = output.toAbsolutePath();
        return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    }
}
