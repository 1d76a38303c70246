package com.endpointstudio.core.packaging;

/** How hard the archive builder compresses; the CLI names are the values of {@code --compression}. */
public enum Compression {
    /**
     * Weights barely compress, so blocks are Huffman-coded only (several times faster than any
     * gzip level); blocks that are highly redundant (zeros, text) get gzip level 1 instead.
     */
    FAST("fast", 1),
    /** gzip level 6, what {@code tar -czf} uses. */
    DEFAULT("default", 6),
    /** gzip level 0: a valid .tar.gz that only stores. */
    STORE("store", 0);

    private final String cliName;
    private final int gzipLevel;

    Compression(String cliName, int gzipLevel) {
        this.cliName = cliName;
        this.gzipLevel = gzipLevel;
    }

    public String cliName() {
        return cliName;
    }

    public int gzipLevel() {
        return gzipLevel;
    }
}
