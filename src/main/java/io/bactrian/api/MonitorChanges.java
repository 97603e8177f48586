package io.bactrian.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a write did to a monitor, for the audit log: the settings that differ, before and after,
 * as the API shows a monitor. A secret setting is never more than {@code "******"}: one the write
 * sent shows so on both sides, as its value may have changed.
 */
final class MonitorChanges {
    static final String MASK = "******";

    private MonitorChanges() {
    }

    /** @param before null for a create; @param after null for a delete; @param sent the settings the request wrote */
    static AuditLog.Change of(String id, MonitorView before, MonitorView after, Set<String> sent) {
        Map<String, Object> was = shown(before);
        Map<String, Object> is = shown(after);
        if (before == null || after == null) {
            return new AuditLog.Change(id, before == null ? null : was, after == null ? null : is);
        }
        Map<String, Object> from = new LinkedHashMap<>();
        Map<String, Object> to = new LinkedHashMap<>();
        for (String key : union(was, is)) {
            boolean secretWritten = after.secrets().contains(key) && sent.contains(key);
            if (secretWritten || !Objects.equals(was.get(key), is.get(key))) {
                if (was.containsKey(key)) {
                    from.put(key, was.get(key));
                }
                if (is.containsKey(key)) {
                    to.put(key, is.get(key));
                }
            }
        }
        return new AuditLog.Change(id, from, to);
    }

    private static Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /** The monitor's file, paused state and settings, each secret one as {@link #MASK}. */
    private static Map<String, Object> shown(MonitorView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (view != null) {
            m.put("file", view.file());
            m.put("paused", view.paused());
            m.putAll(view.settings());
            view.secrets().forEach(s -> m.put(s, MASK));
        }
        return m;
    }
}
