package io.bactrian.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The monitors running now, by id. A reload replaces the list and tells each listener what was
 * added, removed and changed, compared by id, so a change touches only what differs and a
 * monitor keeps its identity (history, alert state) across it.
 */
public final class MonitorCatalog {
    private volatile Map<String, Monitor> byId = Map.of();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** What a reload changed; {@code changed} holds the new versions. */
    public record Change(List<Monitor> added, List<Monitor> removed, List<Monitor> changed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }

        @Override
        public String toString() {
            return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed";
        }
    }

    /** Told of every change, in the thread that made it. */
    public interface Listener {
        void changed(Change change);
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Hands {@code current} the monitors as they are and then listens, with no change in between:
     * a reload waits for both, so none is missed or applied to a list not yet read.
     */
    public synchronized void listen(Listener listener, java.util.function.Consumer<Collection<Monitor>> current) {
        current.accept(byId.values());
        listeners.add(listener);
    }

    public void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    public Monitor get(String id) {
        return byId.get(id);
    }

    public Collection<Monitor> all() {
        return byId.values();
    }

    public List<Monitor> ofKind(String kind) {
        List<Monitor> list = new ArrayList<>();
        for (Monitor m : byId.values()) {
            if (m.kind().equals(kind)) {
                list.add(m);
            }
        }
        return list;
    }

    /** Puts {@code next} in place of the current list and tells the listeners what changed. */
    public synchronized Change replace(List<Monitor> next) {
        Map<String, Monitor> before = byId;
        Map<String, Monitor> after = new LinkedHashMap<>();
        next.forEach(m -> after.put(m.id(), m));
        List<Monitor> added = new ArrayList<>();
        List<Monitor> changed = new ArrayList<>();
        List<Monitor> removed = new ArrayList<>();
        for (Monitor m : after.values()) {
            Monitor old = before.get(m.id());
            if (old == null) {
                added.add(m);
            } else if (!old.equals(m)) {
                changed.add(m);
            }
        }
        for (Monitor m : before.values()) {
            if (!after.containsKey(m.id())) {
                removed.add(m);
            }
        }
        byId = Map.copyOf(after);
        Change change = new Change(added, removed, changed);
        if (!change.isEmpty()) {
            for (Listener l : listeners) {
                try {
                    l.changed(change);
                } catch (RuntimeException e) {
                    // one listener failing must not keep the change from the others
                    org.slf4j.LoggerFactory.getLogger(MonitorCatalog.class).error("A change of the monitor lists"
                            + " was not applied everywhere: {}", e.getMessage(), e);
                }
            }
        }
        return change;
    }
}
