package com.endpointstudio.core.settings;

/** The studio's look. */
public enum Theme {
    LIGHT,
    DARK
}
