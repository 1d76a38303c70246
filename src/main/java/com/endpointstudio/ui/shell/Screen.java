package com.endpointstudio.ui.shell;

import com.endpointstudio.ui.common.ScreenLifecycle;
import java.util.function.Supplier;
import javafx.scene.Parent;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the sidebar: its title, icon, the view (built the first time it is shown) and
 * what its view model is told as it is shown, left, or the connection changes.
 */
public final class Screen {

    private final String id;
    private final String title;
    private final Ikon icon;
    private final Supplier<Parent> factory;
    private final ScreenLifecycle lifecycle;
    private Parent view;

    public Screen(String id, String title, Ikon icon, ScreenLifecycle lifecycle, Supplier<Parent> factory) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        this.lifecycle = lifecycle;
        this.factory = factory;
    }

    public Screen(String id, String title, Ikon icon, Supplier<Parent> factory) {
        this(id, title, icon, ScreenLifecycle.NONE, factory);
    }

    public ScreenLifecycle lifecycle() {
        return lifecycle;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    public Parent view() {
        if (view == null) {
            view = factory.get();
        }
        return view;
    }

    @Override
    public String toString() {
        return title;
    }
}
