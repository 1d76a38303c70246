package com.endpointstudio.core.packaging;

/** How much a finding matters: errors stop the build, warnings and notes do not. */
public enum Severity {
    ERROR, WARNING, INFO
}
