package com.endpointstudio.ui.common;

import com.endpointstudio.core.connection.Connection;

/**
 * What happens to a screen: the shell tells its view model when it is shown, when it is left,
 * and when the active connection changes.
 */
public interface ScreenLifecycle {

    ScreenLifecycle NONE = new ScreenLifecycle() { };

    /** The screen is visible now. */
    default void shown() {
    }

    /** The screen was left: polling stops until it is shown again. */
    default void hidden() {
    }

    /** Another connection is active: what was read from the one before must go. */
    default void connectionChanged(Connection now) {
    }
}
