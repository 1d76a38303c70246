package com.endpointstudio.ui.common;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import java.util.Objects;

/**
 * The lifecycle of a screen that shows one connection's data. On a connection change it drops
 * that data at once and cancels what was running for it; it reads the new connection's when it
 * is shown (straight away if it is), never while hidden; its auto-refresh, if it has one, runs
 * only while it is shown. The hosting session of the connection
 * is kept open while the screen works on it (an AWS session holds an HTTP client worth reusing).
 */
public abstract class ConnectedScreenModel implements ScreenLifecycle, AutoCloseable {

    private final ConnectionSession sessions;
    private Poller poller;
    private Connection connection;
    private boolean shown;
    private boolean stale = true;

    protected ConnectedScreenModel(HostingProvider hosting) {
        this.sessions = new ConnectionSession(hosting);
    }

    @Override
    public final void shown() {
        shown = true;
        if (poller != null) {
            poller.active(true);
        }
        if (stale && connection != null) {
            stale = false;
            reload();
        }
    }

    @Override
    public final void hidden() {
        shown = false;
        if (poller != null) {
            poller.active(false);
        }
    }

    @Override
    public final void connectionChanged(Connection now) {
        if (Objects.equals(now, connection)) {
            return;
        }
        connection = now;
        clear();
        stale = true;
        if (shown && now != null) {
            stale = false;
            reload();
        }
    }

    /** Cancels this screen's jobs and drops every piece of data read from the connection. */
    protected abstract void clear();

    /** Reads what the screen shows first from the (new) connection. */
    protected abstract void reload();

    /** The screen's auto-refresh: {@code tick} at the period chosen, only while the screen is shown. */
    protected Poller poll(Scheduler scheduler, Runnable tick) {
        poller = new Poller(scheduler, tick);
        poller.active(shown);
        return poller;
    }

    /** Whether auto-refresh is calling now (never while the screen is hidden). */
    public boolean isPolling() {
        return poller != null && poller.isPolling();
    }

    /** The active connection, or null before one is. */
    public Connection connection() {
        return connection;
    }

    public boolean isShown() {
        return shown;
    }

    /** The hosting ports of {@code target}; call off the FX thread, with the connection the job started on. */
    protected Hosting hosting(Connection target) {
        return sessions.of(target).hosting();
    }

    /** Stops what runs and lets go of the session (the studio is closing). */
    @Override
    public void close() {
        if (poller != null) {
            poller.active(false);
        }
        connection = null;
        clear();
        sessions.close();
    }
}
