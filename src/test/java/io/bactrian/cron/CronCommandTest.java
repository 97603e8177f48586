package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CronCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheNextFireTimes() {
        assertEquals(0, run("0 0 2 1 * * *", "--from", "2026-11-23T00:00:00+08:00", "--count", "3",
                "--tz", "Asia/Shanghai"));
        assertEquals(List.of(
                "2026-12-01T02:00:00+08:00",
                "2027-01-01T02:00:00+08:00",
                "2027-02-01T02:00:00+08:00"), outLines());
        assertEquals("", errText());
    }

    @Test
    void printsFiveByDefault() {
        assertEquals(0, run("0 0 12 * * WED *", "--from", "2026-11-23T00:00:00+08:00", "--tz", "Asia/Shanghai"));
        assertEquals(List.of(
                "2026-11-25T12:00:00+08:00",
                "2026-12-02T12:00:00+08:00",
                "2026-12-09T12:00:00+08:00",
                "2026-12-16T12:00:00+08:00",
                "2026-12-23T12:00:00+08:00"), outLines());
    }

    @Test
    void printsInTheZoneOfTheTzOption() {
        // the same instant as 2026-11-23T00:00:00+08:00, shown in UTC
        assertEquals(0, run("30 8 * * *", "--from", "2026-11-23T00:00:00+08:00", "--count", "2", "--tz", "UTC"));
        assertEquals(List.of("2026-11-23T08:30:00Z", "2026-11-24T08:30:00Z"), outLines());
    }

    @Test
    void cronTzInTheExpressionWinsOverTheTzOption() {
        assertEquals(0, run("CRON_TZ=Asia/Shanghai 0 0 2 * * *", "--from", "2026-11-23T00:00:00Z",
                "--count", "2", "--tz", "America/New_York"));
        assertEquals(List.of("2026-11-24T02:00:00+08:00", "2026-11-25T02:00:00+08:00"), outLines());
    }

    @Test
    void mergesTheDayOrWeekdayUnion() {
        assertEquals(0, run("0 0 12 1 * MON *", "--from", "2026-06-01T00:00:00Z", "--count", "3", "--tz", "UTC"));
        assertEquals(List.of("2026-06-01T12:00:00Z", "2026-06-08T12:00:00Z", "2026-06-15T12:00:00Z"), outLines());
    }

    @Test
    void startsFromNowByDefault() {
        OffsetDateTime before = OffsetDateTime.now();
        assertEquals(0, run("* * * * * *", "--count", "2"));
        List<String> lines = outLines();
        assertEquals(2, lines.size());
        OffsetDateTime first = OffsetDateTime.parse(lines.get(0));
        assertTrue(first.isAfter(before), first + " is not after " + before);
        assertTrue(first.isBefore(before.plusSeconds(5)), first + " is too long after " + before);
        assertEquals(first.plusSeconds(1), OffsetDateTime.parse(lines.get(1)));
    }

    @Test
    void rejectsAnInvalidExpressionNamingTheField() {
        assertEquals(2, run("0 0 25 * * *"));
        assertEquals("invalid cron expression '0 0 25 * * *': hour field '25': value 25 out of range 0-23",
                errText().strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAnUnknownWeekdayName() {
        assertEquals(2, run("0 0 9 * * MON-FOO"));
        assertEquals("invalid cron expression '0 0 9 * * MON-FOO': weekday field 'MON-FOO': "
                + "unknown weekday name 'FOO'", errText().strip());
    }

    @Test
    void rejectsAWrongFieldCount() {
        assertEquals(2, run("* * * *"));
        assertEquals("invalid cron expression '* * * *': expected 5, 6 or 7 fields but got 4", errText().strip());
    }

    @Test
    void rejectsAnUnknownZoneInTheExpression() {
        assertEquals(2, run("CRON_TZ=Mars/Base 0 0 9 * * *"));
        assertEquals("invalid cron expression 'CRON_TZ=Mars/Base 0 0 9 * * *': unknown time zone 'Mars/Base' in CRON_TZ",
                errText().strip());
    }

    @Test
    void rejectsMissingExpression() {
        assertEquals(2, run());
        assertTrue(errText().startsWith("cron: usage: cron '<expression>'"), errText());
    }

    @Test
    void rejectsAnUnknownOption() {
        assertEquals(2, run("0 0 9 * * *", "--every", "day"));
        assertEquals("cron: unknown option '--every' (see 'cron --help')", errText().strip(), "one line");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAnOptionWithoutValue() {
        assertEquals(2, run("0 0 9 * * *", "--count"));
        assertTrue(errText().startsWith("cron: option --count needs a value"), errText());
    }

    @Test
    void rejectsABadFrom() {
        assertEquals(2, run("0 0 9 * * *", "--from", "2026-11-23 00:00"));
        assertTrue(errText().startsWith("cron: --from '2026-11-23 00:00' is not an ISO-8601 offset date-time"), errText());
    }

    @Test
    void rejectsAFromWithoutOffset() {
        assertEquals(2, run("0 0 9 * * *", "--from", "2026-11-23T00:00:00"));
        assertTrue(errText().startsWith("cron: --from '2026-11-23T00:00:00' is not an ISO-8601 offset date-time"), errText());
    }

    @Test
    void rejectsABadCount() {
        assertEquals(2, run("0 0 9 * * *", "--count", "many"));
        assertTrue(errText().startsWith("cron: --count 'many' is not a positive whole number"), errText());
    }

    @Test
    void rejectsAZeroCount() {
        assertEquals(2, run("0 0 9 * * *", "--count", "0"));
        assertTrue(errText().startsWith("cron: --count '0' is not a positive whole number"), errText());
    }

    @Test
    void rejectsAnUnknownTz() {
        assertEquals(2, run("0 0 9 * * *", "--tz", "Mars/Base"));
        assertTrue(errText().startsWith("cron: --tz 'Mars/Base' is not a known time zone"), errText());
    }
}
