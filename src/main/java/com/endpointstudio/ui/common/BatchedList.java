package com.endpointstudio.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A list fed from background threads (log lines, timeline events) and shown on the FX thread.
 * Items are queued and added in batches, one hop per batch; the list keeps only the newest
 * {@code capacity} items so a chatty process cannot exhaust memory.
 */
public final class BatchedList<T> {

    private final Executor fx;
    private final int capacity;
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public BatchedList(Executor fx, int capacity) {
        this.fx = fx;
        this.capacity = capacity;
    }

    /** The items, for binding on the FX thread. */
    public ObservableList<T> items() {
        return items;
    }

    public void add(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(this::flush);
        }
    }

    /** Empties the list; call on the FX thread. */
    public void clear() {
        queue.clear();
        items.clear();
    }

    private void flush() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        T item;
        while ((item = queue.poll()) != null) {
            batch.add(item);
        }
        if (batch.size() > capacity) {
            batch = batch.subList(batch.size() - capacity, batch.size());
        }
        int overflow = items.size() + batch.size() - capacity;
        if (overflow > 0) {
            items.remove(0, overflow);
        }
        items.addAll(batch);
    }
}
