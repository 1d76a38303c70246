package com.endpointstudio.core.packaging;

/**
 * What an archive is checked against: the framework container and version that will read it, and
 * the entry point, the script under code/ that SAGEMAKER_PROGRAM names.
 *
 * @param version    null when unknown (the newest rules apply)
 * @param entryPoint a file name such as {@code inference.py}
 */
public record LayoutTarget(Framework framework, FrameworkVersion version, String entryPoint) {

    public LayoutTarget {
        entryPoint = entryPoint == null || entryPoint.isBlank() ? EntryPoint.DEFAULT : entryPoint.strip();
    }

    public static LayoutTarget of(Framework framework, FrameworkVersion version) {
        return new LayoutTarget(framework, version, EntryPoint.DEFAULT);
    }

    /**
     * The script the container runs: code/ and the entry point, except on TensorFlow Serving, whose
     * container only ever runs code/inference.py.
     */
    public String script() {
        return ArchivePaths.join(FrameworkLayout.CODE_DIR, EntryPoint.readsProgram(framework) ? entryPoint
                : EntryPoint.DEFAULT);
    }
}
