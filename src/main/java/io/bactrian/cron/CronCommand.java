package io.bactrian.cron;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.bactrian.core.Usage;

/**
 * The {@code cron} command: prints the next fire times of an expression, so a user can see what
 * a pasted schedule really means before the monitor relies on it.
 */
public final class CronCommand {

    public static final String HELP = """
            usage: cron '<expression>' [--from <ISO-8601 offset date-time>] [--count N] [--tz <zone>]

            Prints the next fire times of a cron expression (7 fields as Tencent Cloud SCF, 6 as
            Alibaba Cloud FC, 5 as crontab), so a schedule can be checked before a monitor relies on it.
              --from <date-time>  start from this time, e.g. 2026-03-01T00:00:00+08:00 (default now)
              --count N           how many fire times (default 5)
              --tz <zone>         zone to read the expression in, e.g. Asia/Shanghai (default the machine's)
            Exit 0, or 2 for a bad expression or option.
            """;
    private static final String USAGE =
            "cron: usage: cron '<expression>' [--from <ISO-8601 offset date-time>] [--count N] [--tz <zone>]"
                    + " (see 'cron --help')";
    private static final int DEFAULT_COUNT = 5;
    private static final int OK = 0;
    private static final int USAGE_ERROR = 2;

    private CronCommand() {
    }

    /** Runs the command; {@code args[0]} is the expression. Returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        if (args.length == 0) {
            err.println(USAGE);
            return USAGE_ERROR;
        }
        if (args[0].startsWith("-")) { // no cron expression starts so
            err.println(Usage.unknown("cron", args[0]));
            return USAGE_ERROR;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("cron: " + e.getMessage() + " (see 'cron --help')");
            return USAGE_ERROR;
        }
        CronSchedule schedule;
        try {
            schedule = CronTranslator.translate(args[0]);
        } catch (CronException e) {
            err.println("invalid cron expression '" + args[0] + "': " + e.getMessage());
            return USAGE_ERROR;
        }
        ZoneId zone = schedule.zoneOr(options.zone);
        ZonedDateTime from = options.from != null ? options.from.atZoneSameInstant(zone) : ZonedDateTime.now(zone);
        for (ZonedDateTime time : schedule.nextFireTimes(from, zone, options.count)) {
            out.println(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
        return OK;
    }

    /** The options after the expression; a bad one throws IllegalArgumentException. */
    private static final class Options {
        private OffsetDateTime from;
        private int count = DEFAULT_COUNT;
        private ZoneId zone = ZoneId.systemDefault();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 1; i < args.length; i += 2) {
                String option = args[i];
                if (!option.equals("--from") && !option.equals("--count") && !option.equals("--tz")) {
                    throw new IllegalArgumentException("unknown option '" + option + "'");
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                String value = args[i + 1];
                switch (option) {
                    case "--from" -> options.from = from(value);
                    case "--count" -> options.count = count(value);
                    default -> options.zone = zone(value);
                }
            }
            return options;
        }

        private static OffsetDateTime from(String value) {
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from '" + value
                        + "' is not an ISO-8601 offset date-time such as 2026-12-01T02:00:00+08:00");
            }
        }

        private static int count(String value) {
            try {
                int count = Integer.parseInt(value);
                if (count > 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below like any other bad count
            }
            throw new IllegalArgumentException("--count '" + value + "' is not a positive whole number");
        }

        private static ZoneId zone(String value) {
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--tz '" + value + "' is not a known time zone");
            }
        }
    }
}
