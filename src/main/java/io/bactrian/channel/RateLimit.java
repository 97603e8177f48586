package io.bactrian.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * At most {@code count} messages in any {@code period} (a sliding window), as the services
 * count: a message beyond it waits, and goes out grouped with those queued meanwhile.
 */
public final class RateLimit {
    private static final RateLimit NONE = new RateLimit(Integer.MAX_VALUE, Duration.ZERO);

    private final int count;
    private final Duration period;
    private final Deque<Instant> sent = new ArrayDeque<>();

    private RateLimit(int count, Duration period) {
        this.count = count;
        this.period = period;
    }

    /**
     * {@code 20/1m}, {@code 1/1s}, {@code 5/30s}, {@code 100/1h}; empty or {@code none}: no limit.
     *
     * @throws IllegalArgumentException with what is wrong, for start-up and validate
     */
    public static RateLimit parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("none")) {
            return NONE;
        }
        int slash = t.indexOf('/');
        try {
            int count = Integer.parseInt(t.substring(0, slash).strip());
            String p = t.substring(slash + 1).strip();
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            Duration period = switch (p.charAt(p.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
            if (count < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException();
            }
            return new RateLimit(count, period);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write messages/period, e.g. 20/1m, "
                    + "1/1s, 1/30s, or none");
        }
    }

    /** Takes a slot at {@code now}, or says no when the window is full. */
    synchronized boolean tryAcquire(Instant now) {
        if (this == NONE) {
            return true;
        }
        while (!sent.isEmpty() && !sent.peekFirst().plus(period).isAfter(now)) {
            sent.removeFirst();
        }
        if (sent.size() >= count) {
            return false;
        }
        sent.addLast(now);
        return true;
    }
}
