package com.endpointstudio.ui.common;

import atlantafx.base.theme.Styles;
import com.endpointstudio.core.error.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * Input problems shown at their fields: each {@link FieldError} marks the control whose label it
 * names with the theme's danger state and its message as the control's tooltip; a field whose
 * problem is fixed goes back to its own look and tooltip.
 */
public final class FieldMarks {

    private final Map<Control, List<Predicate<String>>> fields = new LinkedHashMap<>();
    private final Map<Control, Tooltip> ownTooltips = new HashMap<>();
    private final Map<Control, String> marked = new HashMap<>();

    /** {@code control} shows the problems of the field labelled exactly {@code field}. */
    public FieldMarks on(String field, Control control) {
        return on(field::equals, control);
    }

    /** {@code control} shows the problems of the fields {@code field} accepts (labels that depend on input). */
    public FieldMarks on(Predicate<String> field, Control control) {
        fields.computeIfAbsent(control, c -> new ArrayList<>()).add(field);
        return this;
    }

    /** Marks the fields now and each time {@code problems} changes. */
    public FieldMarks follow(ObservableList<FieldError> problems) {
        apply(problems);
        problems.addListener((ListChangeListener<FieldError>) change -> apply(List.copyOf(problems)));
        return this;
    }

    /** Marks the controls {@code problems} name and clears the others. */
    public void apply(List<FieldError> problems) {
        fields.forEach((control, accepts) -> {
            List<String> messages = problems.stream()
                    .filter(problem -> accepts.stream().anyMatch(a -> a.test(problem.field())))
                    .map(FieldError::message).distinct().toList();
            show(control, messages.isEmpty() ? null : String.join("\n", messages));
        });
    }

    /** The problem text {@code control} shows, or null when it shows none. */
    public String problemOf(Control control) {
        return marked.get(control);
    }

    private void show(Control control, String message) {
        String before = marked.get(control);
        if (message == null ? before == null : message.equals(before)) {
            return;
        }
        if (before == null) {
            ownTooltips.put(control, control.getTooltip());
        }
        control.pseudoClassStateChanged(Styles.STATE_DANGER, message != null);
        if (message == null) {
            marked.remove(control);
            control.setTooltip(ownTooltips.remove(control));
        } else {
            marked.put(control, message);
            Tooltip tooltip = new Tooltip(message);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            control.setTooltip(tooltip);
        }
    }
}
