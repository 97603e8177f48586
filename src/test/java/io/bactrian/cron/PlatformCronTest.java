package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * A schedule written for a platform's timer and read back as that platform reads it (FC in its
 * CRON_TZ or UTC, SCF in UTC+8) fires at the same instants as the schedule in its own zone; what a
 * platform cannot say is refused with the field named.
 */
class PlatformCronTest {
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Shanghai"), ZoneId.of("Asia/Tokyo"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"));
    /** Starts that cross a month's and a year's end and a leap day, none at a daylight-saving switch. */
    private static final List<ZonedDateTime> FROM = List.of(ZonedDateTime.parse("2026-12-31T10:00:00Z"),
            ZonedDateTime.parse("2028-02-28T12:30:00Z"), ZonedDateTime.parse("2027-06-30T20:00:00Z"));
    private static final int FIRES = 120;

    /** The instants of the schedule read in {@code zone}, from each start. */
    private static List<Instant> fires(CronSchedule schedule, ZoneId zone) {
        List<Instant> instants = new ArrayList<>();
        for (ZonedDateTime from : FROM) {
            schedule.nextFireTimes(from, zone, FIRES).forEach(t -> instants.add(t.toInstant()));
        }
        return instants;
    }

    private static void sameFires(String cron, ZoneId zone, String written, ZoneId platformZone) {
        CronSchedule back = CronTranslator.translate(written);
        assertEquals(fires(CronTranslator.translate(cron), zone), fires(back, back.zoneOr(platformZone)),
                "'" + cron + "' in " + zone + " written as '" + written + "'");
    }

    @Test
    void everyShippedCronFiresAlikeOnBothPlatformsOrIsRefusedWithItsField() throws Exception {
        Set<String> crons = ShippedCrons.all();
        assertTrue(crons.size() >= 12, "the routes', lists' and docs' crons: " + crons);
        TreeMap<String, String> refused = new TreeMap<>();
        int written = 0;
        for (String cron : crons) {
            CronSchedule schedule = CronTranslator.translate(cron);
            for (ZoneId zone : ZONES) {
                try {
                    sameFires(cron, zone, PlatformCron.functionCompute(schedule, zone), ZoneOffset.UTC);
                    written++;
                } catch (CronException e) {
                    assertTrue(Set.of("second", "day", "weekday", "year").contains(e.field()), cron + ": " + e.getMessage());
                    refused.put("fc " + cron, e.getMessage());
                }
                try {
                    sameFires(cron, zone, PlatformCron.scf(schedule, zone), PlatformCron.SCF_ZONE);
                    written++;
                } catch (CronException e) {
                    assertTrue(zone.getRules().getOffset(Instant.now()).getTotalSeconds() != 8 * 3600,
                            "SCF reads every cron of UTC+8 as it is: " + cron);
                    refused.put("scf " + cron + " in " + zone, e.getMessage());
                }
            }
        }
        assertTrue(written > crons.size() * ZONES.size(), written + " written, refused: " + refused);
        // FC refuses just the crons firing more than once a minute, or with L, W, # or a year
        assertEquals(crons.stream().filter(PlatformCronTest::beyondFunctionCompute).map(c -> "fc " + c).sorted().toList(),
                refused.keySet().stream().filter(k -> k.startsWith("fc ")).toList());
    }

    private static boolean beyondFunctionCompute(String cron) {
        return CronTranslator.translate(cron).quartzExpressions().stream().map(q -> q.split(" ")).anyMatch(f ->
                !f[0].matches("\\d+") || (f[3] + f[5]).matches(".*[LW#].*") || f.length > 6 && !f[6].equals("*"));
    }

    @Test
    void functionComputeGetsTheZoneAsCronTzAndWeekdayNames() {
        assertEquals("CRON_TZ=Asia/Shanghai 0 15 10 * * MON-FRI",
                PlatformCron.functionCompute(CronTranslator.translate("15 10 * * 1-5"), ZoneId.of("Asia/Shanghai")));
        assertEquals("0 0 12 1 * SUN,FRI-SAT",
                PlatformCron.functionCompute(CronTranslator.translate("0 0 12 1 * 5-7"), ZoneOffset.UTC));
        assertEquals("CRON_TZ=Etc/GMT-8 0 */5 * * * *",
                PlatformCron.functionCompute(CronTranslator.translate("*/5 * * * *"), ZoneOffset.ofHours(8)));
        sameFires("0 0 12 1 * 5-7", ZoneId.of("Europe/Berlin"),
                PlatformCron.functionCompute(CronTranslator.translate("0 0 12 1 * 5-7"), ZoneId.of("Europe/Berlin")),
                ZoneOffset.UTC);
    }

    @Test
    void scfGetsTheTimesInUtcPlusEight() {
        // 20:00 UTC on Mondays is 04:00 on Tuesdays in UTC+8
        String written = PlatformCron.scf(CronTranslator.translate("0 0 20 * * MON *"), ZoneOffset.UTC);
        assertEquals("0 0 4 * * 2 *", written);
        sameFires("0 0 20 * * MON *", ZoneOffset.UTC, written, PlatformCron.SCF_ZONE);
        assertEquals("0 0 2/6 * * * *", PlatformCron.scf(CronTranslator.translate("0 0 */6 * * ? *"), ZoneOffset.UTC));
        // India is 2 h 30 min behind UTC+8: half hours stay half hours
        assertEquals("0 0,30 * * * * *",
                PlatformCron.scf(CronTranslator.translate("0 */30 * * * ?"), ZoneId.of("Asia/Kolkata")));
        assertEquals("0 15 10 L * * *", PlatformCron.scf(CronTranslator.translate("0 15 10 L * ?"),
                ZoneId.of("Asia/Shanghai")));
        assertEquals("0 0 9 * * 5#3 *", PlatformCron.scf(CronTranslator.translate("0 0 9 ? * 5#3"),
                ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void whatAPlatformCannotSayIsRefusedWithTheField() {
        CronException lastDay = assertThrows(CronException.class,
                () -> PlatformCron.functionCompute(CronTranslator.translate("0 0 12 L * ?"), ZoneOffset.UTC));
        assertEquals("day", lastDay.field());
        assertEquals("day field 'L': Function Compute has no 'L' or 'W'", lastDay.getMessage());
        CronException nth = assertThrows(CronException.class,
                () -> PlatformCron.functionCompute(CronTranslator.translate("0 0 12 ? * 5#3"), ZoneOffset.UTC));
        assertEquals("weekday field '6#3': Function Compute has no 'L' or '#'", nth.getMessage());
        CronException year = assertThrows(CronException.class,
                () -> PlatformCron.functionCompute(CronTranslator.translate("0 0 12 * * ? 2030"), ZoneOffset.UTC));
        assertEquals("year", year.field());
        // 20:00 UTC on the 1st is 04:00 on the 2nd in UTC+8
        CronException moved = assertThrows(CronException.class,
                () -> PlatformCron.scf(CronTranslator.translate("0 0 20 1 * ?"), ZoneOffset.UTC));
        assertEquals("day", moved.field());
        assertTrue(moved.getMessage().contains("set time-zone to Asia/Shanghai"), moved.getMessage());
        // 09:30 in Berlin is 16:30 or 15:30 in UTC+8, depending on the season
        CronException seasons = assertThrows(CronException.class,
                () -> PlatformCron.scf(CronTranslator.translate("0 30 9 * * ?"), ZoneId.of("Europe/Berlin")));
        assertTrue(seasons.getMessage().contains("daylight saving"), seasons.getMessage());
        // every 5 minutes is every 5 minutes in any season
        assertEquals("0 */5 * * * * *", PlatformCron.scf(CronTranslator.translate("0 */5 * * * ?"),
                ZoneId.of("Europe/Berlin")));
    }
}
