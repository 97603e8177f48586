package io.bactrian.probe;

import java.util.Locale;

/** A comparison operator of a threshold ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==}, {@code !=}) and how figures are printed in reasons. */
public enum Comparison {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    /** The operators as a regular-expression alternative, longest first. */
    public static final String PATTERN = "<=|>=|==|!=|<|>";

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public static Comparison of(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + symbol + "' is not a comparison: use <, <=, >, >=, == or !=");
    }

    public boolean holds(double value, double limit) {
        return switch (this) {
            case LT -> value < limit;
            case LE -> value <= limit;
            case GT -> value > limit;
            case GE -> value >= limit;
            case EQ -> value == limit;
            case NE -> value != limit;
        };
    }

    /** A figure as people read it: whole numbers without decimals, others with one or two. */
    public static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 1 ? "%.2f" : "%.1f", v);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
