package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fire times as Quartz computes them from the translated expressions. */
class CronScheduleTest {

    private static final String SHANGHAI = "Asia/Shanghai";
    private static final String MONDAY_NOV_23 = "2026-11-23T00:00:00+08:00";

    private static List<String> fireTimes(String expression, String from, String zone, int count) {
        return CronTranslator.translate(expression)
                .nextFireTimes(OffsetDateTime.parse(from).toZonedDateTime(), ZoneId.of(zone), count)
                .stream()
                .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
                .toList();
    }

    // The six examples of the SCF documentation

    @Test
    void scfEveryFiveSeconds() {
        assertEquals(List.of(
                "2026-11-23T00:00:05+08:00",
                "2026-11-23T00:00:10+08:00",
                "2026-11-23T00:00:15+08:00",
                "2026-11-23T00:00:20+08:00"),
                fireTimes("*/5 * * * * * *", MONDAY_NOV_23, SHANGHAI, 4));
    }

    @Test
    void scfTwoOClockOnTheFirstOfEveryMonth() {
        assertEquals(List.of(
                "2026-12-01T02:00:00+08:00",
                "2027-01-01T02:00:00+08:00",
                "2027-02-01T02:00:00+08:00"),
                fireTimes("0 0 2 1 * * *", MONDAY_NOV_23, SHANGHAI, 3));
    }

    @Test
    void scfQuarterPastTenMondayToFriday() {
        assertEquals(List.of(
                "2026-11-23T10:15:00+08:00",
                "2026-11-24T10:15:00+08:00",
                "2026-11-25T10:15:00+08:00",
                "2026-11-26T10:15:00+08:00",
                "2026-11-27T10:15:00+08:00",
                // the weekend of the 28th and 29th is skipped
                "2026-11-30T10:15:00+08:00"),
                fireTimes("0 15 10 * * MON-FRI *", MONDAY_NOV_23, SHANGHAI, 6));
    }

    @Test
    void scfTenTwoAndFourEveryDay() {
        assertEquals(List.of(
                "2026-11-23T10:00:00+08:00",
                "2026-11-23T14:00:00+08:00",
                "2026-11-23T16:00:00+08:00",
                "2026-11-24T10:00:00+08:00"),
                fireTimes("0 0 10,14,16 * * * *", MONDAY_NOV_23, SHANGHAI, 4));
    }

    @Test
    void scfEveryHalfHourFromNineToHalfPastFive() {
        List<String> times = fireTimes("0 */30 9-17 * * * *", MONDAY_NOV_23, SHANGHAI, 20);
        assertEquals("2026-11-23T09:00:00+08:00", times.get(0));
        assertEquals("2026-11-23T09:30:00+08:00", times.get(1));
        assertEquals("2026-11-23T17:00:00+08:00", times.get(16));
        assertEquals("2026-11-23T17:30:00+08:00", times.get(17));
        assertEquals("2026-11-24T09:00:00+08:00", times.get(18));
        assertEquals("2026-11-24T09:30:00+08:00", times.get(19));
    }

    @Test
    void scfNoonEveryWednesday() {
        assertEquals(List.of(
                "2026-11-25T12:00:00+08:00",
                "2026-12-02T12:00:00+08:00",
                "2026-12-09T12:00:00+08:00"),
                fireTimes("0 0 12 * * WED *", MONDAY_NOV_23, SHANGHAI, 3));
    }

    // Day of month OR weekday

    @Test
    void dayAndWeekdayBothRestrictedFireWhenEitherMatches() {
        assertEquals(List.of(
                // June 1st is a Monday: it fires once, not twice
                "2026-06-01T12:00:00Z",
                "2026-06-08T12:00:00Z",
                "2026-06-15T12:00:00Z",
                "2026-06-22T12:00:00Z",
                "2026-06-29T12:00:00Z",
                "2026-07-01T12:00:00Z",
                "2026-07-06T12:00:00Z",
                "2026-07-13T12:00:00Z",
                "2026-07-20T12:00:00Z",
                "2026-07-27T12:00:00Z",
                "2026-08-01T12:00:00Z",
                "2026-08-03T12:00:00Z"),
                fireTimes("0 0 12 1 * MON *", "2026-06-01T00:00:00Z", "UTC", 12));
    }

    @Test
    void crontabDayAndWeekdayAlsoFireWhenEitherMatches() {
        assertEquals(List.of(
                "2026-11-27T09:00:00+08:00",
                "2026-12-04T09:00:00+08:00",
                "2026-12-11T09:00:00+08:00",
                "2026-12-13T09:00:00+08:00",
                "2026-12-18T09:00:00+08:00"),
                fireTimes("0 9 13 * 5", MONDAY_NOV_23, SHANGHAI, 5));
    }

    // Field forms

    @Test
    void sixFieldsStartWithSeconds() {
        assertEquals(List.of("2026-11-23T08:30:15+08:00", "2026-11-24T08:30:15+08:00"),
                fireTimes("15 30 8 * * *", MONDAY_NOV_23, SHANGHAI, 2));
    }

    @Test
    void fiveFieldsFireAtTheStartOfTheMinute() {
        assertEquals(List.of("2026-11-23T08:30:00+08:00", "2026-11-24T08:30:00+08:00"),
                fireTimes("30 8 * * *", MONDAY_NOV_23, SHANGHAI, 2));
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals(fireTimes("0 0 9 * 1 1-5", MONDAY_NOV_23, SHANGHAI, 6),
                fireTimes("0 0 9 * jan mon-fri", MONDAY_NOV_23, SHANGHAI, 6));
        assertEquals(List.of("2027-01-01T09:00:00+08:00", "2027-01-04T09:00:00+08:00"),
                fireTimes("0 0 9 ? Jan Mon-Fri", MONDAY_NOV_23, SHANGHAI, 2));
    }

    @Test
    void zeroAndSevenAreBothSunday() {
        List<String> sundays = List.of("2026-11-29T09:00:00+08:00", "2026-12-06T09:00:00+08:00");
        assertEquals(sundays, fireTimes("0 9 * * 0", MONDAY_NOV_23, SHANGHAI, 2));
        assertEquals(sundays, fireTimes("0 9 * * 7", MONDAY_NOV_23, SHANGHAI, 2));
        assertEquals(sundays, fireTimes("0 9 * * SUN", MONDAY_NOV_23, SHANGHAI, 2));
    }

    @Test
    void saturdayIsSix() {
        assertEquals(List.of("2026-11-28T09:00:00+08:00"), fireTimes("0 9 * * 6", MONDAY_NOV_23, SHANGHAI, 1));
    }

    @Test
    void weekdayStepCountsFromSunday() {
        // */2 is 0,2,4,6: Sunday, Tuesday, Thursday, Saturday
        assertEquals(List.of(
                "2026-11-24T09:00:00+08:00",
                "2026-11-26T09:00:00+08:00",
                "2026-11-28T09:00:00+08:00",
                "2026-11-29T09:00:00+08:00",
                "2026-12-01T09:00:00+08:00"),
                fireTimes("0 9 * * */2", MONDAY_NOV_23, SHANGHAI, 5));
    }

    @Test
    void weekdayRangeUpToSevenWrapsToSunday() {
        List<String> fridayToSunday = List.of(
                "2026-11-27T09:00:00+08:00",
                "2026-11-28T09:00:00+08:00",
                "2026-11-29T09:00:00+08:00",
                "2026-12-04T09:00:00+08:00");
        assertEquals(fridayToSunday, fireTimes("0 9 * * 5-7", MONDAY_NOV_23, SHANGHAI, 4));
        assertEquals(fridayToSunday, fireTimes("0 9 * * FRI-SUN", MONDAY_NOV_23, SHANGHAI, 4));
    }

    @Test
    void lastDayOfMonth() {
        assertEquals(List.of("2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z"),
                fireTimes("0 0 0 L * ?", "2026-01-15T00:00:00Z", "UTC", 3));
    }

    @Test
    void daysBeforeTheLastDayOfMonth() {
        assertEquals(List.of("2026-01-28T00:00:00Z", "2026-02-25T00:00:00Z", "2026-03-28T00:00:00Z"),
                fireTimes("0 0 0 L-3 * ?", "2026-01-15T00:00:00Z", "UTC", 3));
    }

    @Test
    void nearestWeekdayToThe15th() {
        // Feb 15 and Mar 15 2026 are Sundays, Aug 15 a Saturday
        assertEquals(List.of("2026-02-16T00:00:00Z", "2026-03-16T00:00:00Z"),
                fireTimes("0 0 0 15W * ?", "2026-02-01T00:00:00Z", "UTC", 2));
        assertEquals(List.of("2026-08-14T00:00:00Z"),
                fireTimes("0 0 0 15W * ?", "2026-08-01T00:00:00Z", "UTC", 1));
    }

    @Test
    void lastWeekdayOfMonth() {
        // Jan 31 and Feb 28 2026 are Saturdays
        assertEquals(List.of("2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z", "2026-03-31T00:00:00Z"),
                fireTimes("0 0 0 LW * ?", "2026-01-01T00:00:00Z", "UTC", 3));
    }

    @Test
    void lastFridayOfMonth() {
        assertEquals(List.of(
                "2026-11-27T00:00:00+08:00",
                "2026-12-25T00:00:00+08:00",
                "2027-01-29T00:00:00+08:00"),
                fireTimes("0 0 0 ? * 5L", MONDAY_NOV_23, SHANGHAI, 3));
    }

    @Test
    void thirdFridayOfMonth() {
        assertEquals(List.of(
                "2026-12-18T00:00:00+08:00",
                "2027-01-15T00:00:00+08:00"),
                fireTimes("0 0 0 ? * 5#3", MONDAY_NOV_23, SHANGHAI, 2));
        assertEquals(fireTimes("0 0 0 ? * 5#3", MONDAY_NOV_23, SHANGHAI, 2),
                fireTimes("0 0 0 ? * FRI#3", MONDAY_NOV_23, SHANGHAI, 2));
    }

    @Test
    void yearFieldEndsTheSchedule() {
        assertEquals(List.of("2028-01-01T12:00:00+08:00"),
                fireTimes("0 0 12 1 1 * 2028", MONDAY_NOV_23, SHANGHAI, 3));
        assertEquals(List.of(), fireTimes("0 0 12 1 1 * 2025", MONDAY_NOV_23, SHANGHAI, 3));
    }

    // Zones

    @Test
    void cronTzPrefixWinsOverTheGivenZone() {
        assertEquals(List.of("2026-11-23T09:00:00+09:00", "2026-11-24T09:00:00+09:00"),
                fireTimes("CRON_TZ=Asia/Tokyo 0 0 9 * * *", "2026-11-22T12:00:00Z", "UTC", 2));
    }

    @Test
    void withoutPrefixTheGivenZoneIsUsed() {
        assertEquals(List.of("2026-11-23T09:00:00Z"),
                fireTimes("0 0 9 * * *", "2026-11-22T12:00:00Z", "UTC", 1));
    }

    @Test
    void timesAreStrictlyAfterTheStart() {
        assertEquals(List.of("2026-11-24T10:00:00+08:00"),
                fireTimes("0 0 10 * * *", "2026-11-23T10:00:00+08:00", SHANGHAI, 1));
    }

    @Test
    void resultsAreInTheSchedulesZone() {
        ZonedDateTime first = CronTranslator.translate("0 0 12 * * WED")
                .nextFireTimes(ZonedDateTime.parse("2026-11-23T00:00:00Z"), ZoneId.of("Europe/Paris"), 1)
                .get(0);
        assertEquals(ZoneId.of("Europe/Paris"), first.getZone());
        assertEquals(DayOfWeek.WEDNESDAY, first.getDayOfWeek());
        assertEquals(12, first.getHour());
    }

    @Test
    void daylightSavingSpringForwardSkipsTheMissingTime() {
        // 02:30 does not exist in New York on 2026-03-08; Quartz does not fire that day
        assertEquals(List.of(
                "2026-03-07T02:30:00-05:00",
                "2026-03-09T02:30:00-04:00",
                "2026-03-10T02:30:00-04:00"),
                fireTimes("0 30 2 * * *", "2026-03-07T00:00:00-05:00", "America/New_York", 3));
    }

    @Test
    void daylightSavingFallBackFiresOnceAtTheRepeatedTime() {
        // 01:30 happens twice in New York on 2026-11-01; Quartz fires once, at the second one
        assertEquals(List.of(
                "2026-10-31T01:30:00-04:00",
                "2026-11-01T01:30:00-05:00",
                "2026-11-02T01:30:00-05:00"),
                fireTimes("0 30 1 * * *", "2026-10-31T00:00:00-04:00", "America/New_York", 3));
    }

    @Test
    void countLimitsTheResults() {
        assertTrue(fireTimes("* * * * * *", MONDAY_NOV_23, SHANGHAI, 0).isEmpty());
        assertEquals(7, fireTimes("* * * * * *", MONDAY_NOV_23, SHANGHAI, 7).size());
    }
}
