package com.endpointstudio.ui.shell;

import java.util.function.Supplier;
import javafx.scene.Parent;
import org.kordamp.ikonli.Ikon;

/** One entry of the sidebar: its title, icon and the view, built the first time it is shown. */
public final class Screen {

    private final String id;
    private final String title;
    private final Ikon icon;
    private final Supplier<Parent> factory;
    private Parent view;

    public Screen(String id, String title, Ikon icon, Supplier<Parent> factory) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        this.factory = factory;
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
