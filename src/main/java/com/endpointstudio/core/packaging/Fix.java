package com.endpointstudio.core.packaging;

/** A one-click change to the package tree that resolves a finding. */
public sealed interface Fix {

    /** The button text, e.g. "Move to code/". */
    String label();

    /** Moves a file or folder to another archive path. */
    record Move(String from, String to, String label) implements Fix {
    }

    /** Moves several root entries (files or folders) into one folder, keeping their names. */
    record MoveInto(java.util.List<String> paths, String folder, String label) implements Fix {
        public MoveInto {
            paths = java.util.List.copyOf(paths);
        }
    }

    /** Removes a file or folder from the archive (never from the user's disk). */
    record Remove(String path, String label) implements Fix {
    }

    /** Adds a handler script generated from the framework's template at {@code path} (code/ and the entry point). */
    record GenerateScript(Framework framework, String path, String label) implements Fix {
    }

    /**
     * Makes another script under code/ the entry point: a change of the target (SAGEMAKER_PROGRAM),
     * not of the tree, so whoever holds the entry point applies it.
     */
    record UseEntryPoint(String name, String label) implements Fix {
    }
}
