package io.bactrian.cron;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Translates the cron expressions of Tencent Cloud SCF (7 fields), Alibaba Cloud FC (6 fields,
 * optional CRON_TZ= prefix) and crontab (5 fields) into Quartz expressions.
 */
public final class CronTranslator {

    private static final Pattern ZONE_PREFIX =
            Pattern.compile("(CRON_TZ|TZ)=(\\S*)\\s+(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private CronTranslator() {
    }

    public static CronSchedule translate(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new CronException(null, "cron expression is empty");
        }
        String body = expression.strip();
        ZoneId zone = null;
        Matcher prefix = ZONE_PREFIX.matcher(body);
        if (prefix.matches()) {
            zone = zone(prefix.group(1), prefix.group(2));
            body = prefix.group(3);
        }
        String[] f = body.split("\\s+");
        // laid out as: second minute hour day month weekday [year]
        String[] fields = switch (f.length) {
            // crontab has no seconds field: it fires at the start of the minute
            case 5 -> new String[] {"0", f[0], f[1], f[2], f[3], f[4], null};
            case 6 -> new String[] {f[0], f[1], f[2], f[3], f[4], f[5], null};
            case 7 -> f;
            default -> throw new CronException(null, "expected 5, 6 or 7 fields but got " + f.length);
        };
        String head = FieldTranslator.translate(CronField.SECOND, fields[0])
                + " " + FieldTranslator.translate(CronField.MINUTE, fields[1])
                + " " + FieldTranslator.translate(CronField.HOUR, fields[2]);
        String day = FieldTranslator.translate(CronField.DAY, fields[3]);
        String month = FieldTranslator.translate(CronField.MONTH, fields[4]);
        String weekday = FieldTranslator.translate(CronField.WEEKDAY, fields[5]);
        String year = fields[6] == null ? "" : " " + FieldTranslator.translate(CronField.YEAR, fields[6]);

        // Quartz needs exactly one of day and weekday to be '?' and has no "either matches",
        // so a schedule restricting both becomes two expressions whose fire times are merged.
        boolean dayRestricted = restricted(fields[3]);
        boolean weekdayRestricted = restricted(fields[5]);
        List<String> expressions = new ArrayList<>(2);
        if (dayRestricted || !weekdayRestricted) {
            expressions.add(head + " " + (dayRestricted ? day : "*") + " " + month + " ?" + year);
        }
        if (weekdayRestricted) {
            expressions.add(head + " ? " + month + " " + weekday + year);
        }
        expressions.forEach(CronTranslator::checkWithQuartz);
        return new CronSchedule(expression, expressions, zone);
    }

    private static boolean restricted(String field) {
        return !field.equals("*") && !field.equals("?");
    }

    private static ZoneId zone(String key, String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new CronException(null, "unknown time zone '" + name + "' in " + key);
        }
    }

    /** A backstop: the field checks should already have caught anything Quartz would reject. */
    private static void checkWithQuartz(String quartz) {
        try {
            CronExpression.validateExpression(quartz);
        } catch (ParseException e) {
            throw new CronException(null, "Quartz rejected the translation '" + quartz + "': " + e.getMessage());
        }
    }
}
