package io.bactrian.probe.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.probe.Comparison;

/**
 * Thresholds on the columns a query returns, comma separated, each met by a row that is in
 * trouble: {@code threads_running > 20}, {@code used_pct >= 90}, {@code Slave_SQL_Running != 'Yes'}.
 * Column names ignore case. A NULL where a number is compared is a problem too (a replica that
 * stopped reports no delay).
 */
final class ColumnConditions {
    private static final Pattern NUMERIC = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(" + Comparison.PATTERN
            + ")\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern TEXT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=)\\s*'([^']*)'");

    private record Condition(String column, Comparison op, Double limit, String text, String source) {
        /** Null when the row is fine, else what is wrong. */
        String problem(Map<String, Object> row) {
            Object value = row.get(column);
            if (limit == null) {
                String actual = value == null ? null : value.toString();
                boolean equal = text.equals(actual);
                return equal == (op == Comparison.EQ) ? column + " " + (actual == null ? "is NULL" : "= '" + actual + "'")
                        + " (" + source + ")" : null;
            }
            Double number = number(value);
            if (number == null) {
                return column + " is " + (value == null ? "NULL" : "'" + value + "', not a number") + " (" + source + ")";
            }
            return op.holds(number, limit) ? column + " " + Comparison.number(number) + " " + op + " "
                    + Comparison.number(limit) : null;
        }
    }

    private final List<Condition> conditions;

    private ColumnConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    static ColumnConditions parse(String text) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",(?=(?:[^']*'[^']*')*[^']*$)")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            Matcher m = NUMERIC.matcher(t);
            if (m.matches()) {
                conditions.add(new Condition(m.group(1).toLowerCase(Locale.ROOT), Comparison.of(m.group(2)),
                        Double.parseDouble(m.group(3)), null, t));
                continue;
            }
            m = TEXT.matcher(t);
            if (m.matches()) {
                conditions.add(new Condition(m.group(1).toLowerCase(Locale.ROOT), Comparison.of(m.group(2)), null,
                        m.group(3), t));
                continue;
            }
            throw new IllegalArgumentException("thresholds: '" + t + "' is not a threshold: write <column> <op> <number>, "
                    + "e.g. threads_running > 20, or <column> == 'text' / != 'text'");
        }
        return new ColumnConditions(List.copyOf(conditions));
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** Columns the conditions name that the query did not return; {@code columns} lower case. */
    List<String> missing(List<String> columns) {
        return conditions.stream().map(Condition::column).filter(c -> !columns.contains(c)).distinct().toList();
    }

    /** What is wrong with the row (keys lower case), one entry per condition it meets; empty when fine. */
    List<String> problems(Map<String, Object> row) {
        List<String> problems = new ArrayList<>();
        for (Condition c : conditions) {
            String p = c.problem(row);
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
