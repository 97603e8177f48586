package io.bactrian.cron;

import java.text.ParseException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A translated cron expression. It may need two Quartz expressions because Quartz cannot say
 * "this day of the month OR this weekday"; the schedule fires at the union of both.
 */
public final class CronSchedule {

    private final String expression;
    private final List<String> quartzExpressions;
    private final ZoneId zone;

    CronSchedule(String expression, List<String> quartzExpressions, ZoneId zone) {
        this.expression = expression;
        this.quartzExpressions = List.copyOf(quartzExpressions);
        this.zone = zone;
    }

    /** The expression as the user wrote it. */
    public String expression() {
        return expression;
    }

    /** One Quartz expression, or two whose fire times are to be merged. */
    public List<String> quartzExpressions() {
        return quartzExpressions;
    }

    /** The zone given by a CRON_TZ= (or TZ=) prefix, if any. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    public ZoneId zoneOr(ZoneId fallback) {
        return zone != null ? zone : fallback;
    }

    /**
     * The next {@code count} fire times strictly after {@code after}, computed by Quartz in the
     * schedule's own zone when it has one, else in {@code zone}. Fewer are returned when the
     * schedule ends (a year field in the past, for instance).
     */
    public List<ZonedDateTime> nextFireTimes(ZonedDateTime after, ZoneId zone, int count) {
        ZoneId effective = zoneOr(zone);
        List<CronExpression> crons = quartzCrons(effective);
        List<ZonedDateTime> times = new ArrayList<>(count);
        Date cursor = Date.from(after.toInstant());
        while (times.size() < count) {
            Date next = null;
            for (CronExpression cron : crons) {
                Date candidate = cron.getNextValidTimeAfter(cursor);
                if (candidate != null && (next == null || candidate.before(next))) {
                    next = candidate;
                }
            }
            if (next == null) {
                break;
            }
            // both expressions may fire at the same instant; moving past it counts it once
            times.add(next.toInstant().atZone(effective));
            cursor = next;
        }
        return times;
    }

    /** The Quartz expressions, parsed, read in {@code zone}. */
    List<CronExpression> quartzCrons(ZoneId zone) {
        List<CronExpression> crons = new ArrayList<>();
        for (String quartz : quartzExpressions) {
            crons.add(quartz(quartz, zone));
        }
        return crons;
    }

    private static CronExpression quartz(String quartz, ZoneId zone) {
        try {
            CronExpression cron = new CronExpression(quartz);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException e) {
            // the translator has already had Quartz parse every expression it builds
            throw new IllegalStateException("Quartz rejected '" + quartz + "'", e);
        }
    }
}
