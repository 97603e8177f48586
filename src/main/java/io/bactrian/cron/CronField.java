package io.bactrian.cron;

import java.util.List;
import java.util.Locale;

/** The fields of a cron expression with the values each accepts. */
enum CronField {
    SECOND(0, 59),
    MINUTE(0, 59),
    HOUR(0, 23),
    DAY(1, 31),
    MONTH(1, 12, 1, "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    // 0 and 7 are both Sunday, as in crontab
    WEEKDAY(0, 7, 0, "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"),
    YEAR(1970, 2099);

    final int min;
    final int max;
    private final int firstNameValue;
    private final List<String> names;

    CronField(int min, int max) {
        this(min, max, 0);
    }

    CronField(int min, int max, int firstNameValue, String... names) {
        this.min = min;
        this.max = max;
        this.firstNameValue = firstNameValue;
        this.names = List.of(names);
    }

    /** How the field is called in messages. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean hasNames() {
        return !names.isEmpty();
    }

    /** The value of a name such as JAN or MON, or -1; the token must already be upper case. */
    int valueOfName(String token) {
        int index = names.indexOf(token);
        return index < 0 ? -1 : firstNameValue + index;
    }
}
