package io.bactrian.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTranslatorTest {

    private static List<String> quartz(String expression) {
        return CronTranslator.translate(expression).quartzExpressions();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # the six examples of the SCF documentation, 7 fields
            */5 * * * * * *         | */5 * * * * ? *
            0 0 2 1 * * *           | 0 0 2 1 * ? *
            0 15 10 * * MON-FRI *   | 0 15 10 ? * 2-6 *
            0 0 10,14,16 * * * *    | 0 0 10,14,16 * * ? *
            0 */30 9-17 * * * *     | 0 */30 9-17 * * ? *
            0 0 12 * * WED *        | 0 0 12 ? * 4 *
            # 6 fields (FC) and 5 fields (crontab, seconds are 0)
            0 30 8 * * *            | 0 30 8 * * ?
            30 8 * * 1-5            | 0 30 8 ? * 2-6
            */10 * * * *            | 0 */10 * * * ?
            # both unrestricted, whichever is '?'
            0 0 12 ? * *            | 0 0 12 * * ?
            0 0 12 * * ?            | 0 0 12 * * ?
            0 0 12 ? * ?            | 0 0 12 * * ?
            # names in any case
            0 0 12 * jan mon-fri    | 0 0 12 ? 1 2-6
            0 0 12 ? Jan,jul,DEC *  | 0 0 12 * 1,7,12 ?
            0 0 12 ? jan-mar sun    | 0 0 12 ? 1-3 1
            # weekdays shift to Quartz's 1-7 from Sunday
            0 9 * * 0               | 0 0 9 ? * 1
            0 9 * * 7               | 0 0 9 ? * 1
            0 9 * * 6               | 0 0 9 ? * 7
            0 9 * * 0-7             | 0 0 9 ? * 1-7
            0 9 * * */2             | 0 0 9 ? * 1,3,5,7
            0 9 * * 1-5/2           | 0 0 9 ? * 2,4,6
            0 9 * * 1/2             | 0 0 9 ? * 2,4,6
            0 9 * * 5-7             | 0 0 9 ? * 1,6-7
            0 9 * * FRI-SUN         | 0 0 9 ? * 1,6-7
            0 9 * * 6-0             | 0 0 9 ? * 1,7
            0 9 * * 0-0             | 0 0 9 ? * 1
            0 9 * * sat,0,3         | 0 0 9 ? * 1,4,7
            # L, W and # forms
            0 0 0 L * ?             | 0 0 0 L * ?
            0 0 0 L-3 * ?           | 0 0 0 L-3 * ?
            0 0 0 15W * ?           | 0 0 0 15W * ?
            0 0 0 lw * ?            | 0 0 0 LW * ?
            0 0 0 ? * 5L            | 0 0 0 ? * 6L
            0 0 0 ? * 0L            | 0 0 0 ? * 1L
            0 0 0 ? * 7L            | 0 0 0 ? * 1L
            0 0 0 ? * 5#3           | 0 0 0 ? * 6#3
            0 0 0 ? * fri#1         | 0 0 0 ? * 6#1
            0 0 0 ? * L             | 0 0 0 ? * L
            # year
            0 0 0 1 1 * 2030        | 0 0 0 1 1 ? 2030
            0 0 0 1 1 * 2030-2035/2 | 0 0 0 1 1 ? 2030-2035/2
            """)
    void translatesToQuartz(String expression, String expected) {
        assertEquals(List.of(expected), quartz(expression));
    }

    @Test
    void restrictingBothDayAndWeekdayGivesTwoExpressions() {
        assertEquals(List.of("0 0 12 1 * ? *", "0 0 12 ? * 2 *"), quartz("0 0 12 1 * MON *"));
        assertEquals(List.of("0 0 0 L * ?", "0 0 0 ? * 6#3"), quartz("0 0 0 L * 5#3"));
    }

    @Test
    void keepsTheOriginalExpression() {
        assertEquals("CRON_TZ=Asia/Shanghai 0 0 2 * * *",
                CronTranslator.translate("CRON_TZ=Asia/Shanghai 0 0 2 * * *").expression());
    }

    @Test
    void readsTheZonePrefix() {
        CronSchedule schedule = CronTranslator.translate("CRON_TZ=Asia/Shanghai 0 0 2 * * *");
        assertEquals(Optional.of(ZoneId.of("Asia/Shanghai")), schedule.zone());
        assertEquals(List.of("0 0 2 * * ?"), schedule.quartzExpressions());
        assertEquals(ZoneId.of("Asia/Shanghai"), schedule.zoneOr(ZoneId.of("UTC")));

        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), CronTranslator.translate("TZ=Europe/Berlin 0 0 2 * * *").zone());
    }

    @Test
    void withoutPrefixTheFallbackZoneApplies() {
        CronSchedule schedule = CronTranslator.translate("0 0 2 * * *");
        assertEquals(Optional.empty(), schedule.zone());
        assertEquals(ZoneId.of("UTC"), schedule.zoneOr(ZoneId.of("UTC")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            * * * *                       | -       | expected 5, 6 or 7 fields but got 4
            0 0 0 1 1 * 2030 x            | -       | expected 5, 6 or 7 fields but got 8
            CRON_TZ=Mars/Base 0 0 0 * * * | -       | unknown time zone 'Mars/Base' in CRON_TZ
            TZ=Nowhere 0 0 * * *          | -       | unknown time zone 'Nowhere' in TZ
            60 * * * * *                  | second  | second field '60': value 60 out of range 0-59
            0 60 * * * *                  | minute  | minute field '60': value 60 out of range 0-59
            0 0 25 * * *                  | hour    | hour field '25': value 25 out of range 0-23
            0 0 0 0 * *                   | day     | day field '0': value 0 out of range 1-31
            0 0 0 32 * *                  | day     | day field '32': value 32 out of range 1-31
            0 0 0 * 13 *                  | month   | month field '13': value 13 out of range 1-12
            0 0 0 * * 8                   | weekday | weekday field '8': value 8 out of range 0-7
            0 0 0 * * * 1969              | year    | year field '1969': value 1969 out of range 1970-2099
            0 0 0 * * * 2100              | year    | year field '2100': value 2100 out of range 1970-2099
            0 0 0 * * MON-FOO             | weekday | weekday field 'MON-FOO': unknown weekday name 'FOO'
            0 0 0 * * JAN                 | weekday | weekday field 'JAN': unknown weekday name 'JAN'
            0 0 0 * FOO *                 | month   | month field 'FOO': unknown month name 'FOO'
            0 0 MON * * *                 | hour    | hour field 'MON': 'MON' is not a number
            0 */0 * * * *                 | minute  | minute field '*/0': step '0' must be a number from 1 to 59
            0 */x * * * *                 | minute  | minute field '*/x': step 'x' must be a number from 1 to 59
            0 5/ * * * *                  | minute  | minute field '5/': step '' must be a number from 1 to 59
            0 0 */24 * * *                | hour    | hour field '*/24': step '24' must be a number from 1 to 23
            0 1/2/3 * * * *               | minute  | minute field '1/2/3': '1/2/3' has more than one '/'
            0 0 0 5-1 * *                 | day     | day field '5-1': range 5-1 runs backwards
            0 0 0 1-2-3 * *               | day     | day field '1-2-3': '1-2-3' is not a range
            0 0 0 1,,2 * *                | day     | day field '1,,2': empty value in list
            0 0 L * * *                   | hour    | hour field 'L': 'L' is only allowed in the day and weekday fields
            0 0 0 * L *                   | month   | month field 'L': 'L' is only allowed in the day and weekday fields
            0 0 0 * * 15W                 | weekday | weekday field '15W': 'W' is only allowed in the day field
            0 0 0 5#3 * *                 | day     | day field '5#3': '#' is only allowed in the weekday field
            0 0 0 * * 5#6                 | weekday | weekday field '5#6': '#' must be followed by a week number from 1 to 5
            0 0 0 * * 5#                  | weekday | weekday field '5#': '#' must be followed by a week number from 1 to 5
            0 0 0 * * 9L                  | weekday | weekday field '9L': value 9 out of range 0-7
            0 0 0 * * 1,5L                | weekday | weekday field '1,5L': '5L' must stand alone, not in a list, range or step
            0 0 0 1,L * *                 | day     | day field '1,L': 'L' must stand alone, not in a list, range or step
            0 0 0 L-31 * *                | day     | day field 'L-31': offset 31 after 'L-' must be at most 30
            0 0 0 32W * *                 | day     | day field '32W': value 32 out of range 1-31
            0 0 0 * * 7/2                 | weekday | weekday field '7/2': matches no weekday
            0 0 ? * * *                   | hour    | hour field '?': '?' is only allowed in the day and weekday fields
            0 0 0 ?,1 * *                 | day     | day field '?,1': '?' must stand alone
            """)
    void rejectsInvalidExpressionsNamingTheField(String expression, String field, String message) {
        CronException e = assertThrows(CronException.class, () -> CronTranslator.translate(expression));
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertEquals("cron expression is empty",
                assertThrows(CronException.class, () -> CronTranslator.translate("  ")).getMessage());
        assertThrows(CronException.class, () -> CronTranslator.translate(null));
    }
}
