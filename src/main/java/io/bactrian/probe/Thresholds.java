package io.bactrian.probe;

import java.util.ArrayList;
import java.util.List;

/** A monitor's conditions, comma-separated, all of which a probe result must meet. */
public final class Thresholds {
    private final List<Condition> conditions;

    private Thresholds(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public static Thresholds parse(String text) {
        List<Condition> conditions = new ArrayList<>();
        if (text != null) {
            // commas inside quotes belong to the value
            for (String part : text.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                if (!part.isBlank()) {
                    try {
                        conditions.add(Condition.parse(part));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("thresholds: " + e.getMessage());
                    }
                }
            }
        }
        return new Thresholds(List.copyOf(conditions));
    }

    /** Why the result fails, one reason per unmet condition; empty when it passes. */
    public List<String> failures(ProbeResult r) {
        List<String> reasons = new ArrayList<>();
        for (Condition c : conditions) {
            String why = c.failure(r);
            if (why != null) {
                reasons.add(why);
            }
        }
        return reasons;
    }

    /** The conditions that read the response body ({@code body contains}, JSONPath), as written. */
    public List<String> bodyConditions() {
        return conditions.stream().filter(Condition::readsBody).map(Condition::toString).toList();
    }

    @Override
    public String toString() {
        return conditions.toString();
    }
}
