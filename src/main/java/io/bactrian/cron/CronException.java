package io.bactrian.cron;

/**
 * A cron expression that cannot be translated. Unchecked like any other bad argument, and it
 * names the offending field so a user can find the mistake in a long expression.
 */
public class CronException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public CronException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault (second, minute, hour, day, month, weekday or year), or null. */
    public String field() {
        return field;
    }
}
