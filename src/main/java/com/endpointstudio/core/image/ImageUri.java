package com.endpointstudio.core.image;

/**
 * A resolved container image.
 *
 * @param processor cpu, gpu, inf, or null when the image serves every instance type
 */
public record ImageUri(String uri, String account, String repository, String tag, String processor) {

    @Override
    public String toString() {
        return uri;
    }
}
