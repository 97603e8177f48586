package io.bactrian.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status codes a monitor accepts, written as a list of codes, ranges and classes:
 * {@code 200}, {@code 200,204}, {@code 200-299}, {@code 2xx,301}.
 */
public final class StatusExpectation {
    private final String text;
    private final List<int[]> ranges;

    private StatusExpectation(String text, List<int[]> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    public static StatusExpectation parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            try {
                if (p.matches("[1-5]xx")) {
                    int hundred = (p.charAt(0) - '0') * 100;
                    ranges.add(new int[] {hundred, hundred + 99});
                } else if (p.contains("-")) {
                    String[] ends = p.split("-", 2);
                    ranges.add(new int[] {code(ends[0]), code(ends[1])});
                } else {
                    int c = code(p);
                    ranges.add(new int[] {c, c});
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expectStatus '" + text + "': '" + part.trim()
                        + "' is not a status code (100-599), a range like 200-299 or a class like 2xx");
            }
        }
        for (int[] r : ranges) {
            if (r[0] > r[1]) {
                throw new IllegalArgumentException("expectStatus '" + text + "': range " + r[0] + "-" + r[1] + " is empty");
            }
        }
        return new StatusExpectation(text.trim(), List.copyOf(ranges));
    }

    private static int code(String s) {
        int c = Integer.parseInt(s.trim());
        if (c < 100 || c > 599) {
            throw new IllegalArgumentException();
        }
        return c;
    }

    public boolean accepts(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
