package com.endpointstudio.ui.deploy;

import com.endpointstudio.ui.deploy.DeployDraft.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TextArea;

/** Edits a list of KEY=value entries as lines of text, both ways, without echo loops. */
final class KeyValueLines {

    private KeyValueLines() {
    }

    /** Binds both ways; the returned action undoes it, for forms that switch between list items. */
    static Runnable bind(TextArea area, ObservableList<Entry> entries) {
        boolean[] updating = {false};
        area.setText(format(entries));
        ChangeListener<String> fromText = (obs, old, now) -> {
            if (!updating[0]) {
                updating[0] = true;
                entries.setAll(parse(now));
                updating[0] = false;
            }
        };
        ListChangeListener<Entry> fromEntries = change -> {
            if (!updating[0]) {
                updating[0] = true;
                area.setText(format(entries));
                updating[0] = false;
            }
        };
        area.textProperty().addListener(fromText);
        entries.addListener(fromEntries);
        return () -> {
            area.textProperty().removeListener(fromText);
            entries.removeListener(fromEntries);
        };
    }

    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            entries.add(equals < 0 ? new Entry(line.strip(), "")
                    : new Entry(line.substring(0, equals).strip(), line.substring(equals + 1).strip()));
        }
        return entries;
    }

    static String format(List<Entry> entries) {
        return entries.stream().map(e -> e.key() + "=" + e.value()).collect(Collectors.joining("\n"));
    }
}
