package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import org.junit.jupiter.api.Test;

/** A NOTICE as mail, chat and SMS render it: the news and its table, no incident facts. */
class NoticeTextTest {
    record News(Table table) implements TableDetail {
    }

    private static final AlertEvent NOTICE = new AlertEvent(AlertKind.NOTICE, "novel", "https://novel.test/b/1",
            Instant.parse("2026-11-24T03:00:00Z"), null, null, "1 new: Chapter 12",
            new CheckResult("novel", "https://novel.test/b/1", Instant.parse("2026-11-24T03:00:00Z"), true, null, null,
                    "", new News(new Table(List.of("New", "Link"),
                            List.of(new Table.Row(List.of("Chapter 12", "https://novel.test/b/1/12"), false))))));

    @Test
    void mailAndChatSayTheNews() throws Exception {
        AlertMail mail = new AlertMail("m@x.test", "ops@x.test", ZoneId.of("UTC"));
        assertEquals("[NOTICE] novel: 1 new: Chapter 12", mail.subject(NOTICE));
        assertFalse(mail.facts(NOTICE).containsKey("Down since"), mail.facts(NOTICE).toString());
        String eml = new String(mail.compose(NOTICE), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(eml.contains("https://novel.test/b/1/12"), eml);
        assertFalse(eml.contains("#fde2e1"), "new items are not failing rows");

        AlertText zh = AlertText.chinese();
        assertEquals("【通知】novel：1 new: Chapter 12", zh.title(NOTICE));
        assertEquals("通知", zh.smsParams(NOTICE, 12).get("state"));
        assertTrue(zh.markdown(NOTICE, "**").contains("| Chapter 12 | https://novel.test/b/1/12 |"));
        assertEquals("NOTICE", new AlertText(Locale.ENGLISH, ZoneId.of("UTC")).smsParams(NOTICE, 20).get("state"));
    }

    @Test
    void aDigestOfNoticesCountsThemInGoodEnglishAndAllChinese() {
        AlertText en = new AlertText(Locale.ENGLISH, ZoneId.of("UTC"));
        assertEquals("[NOTICES] 1 monitor: 1 notice", en.groupTitle(List.of(NOTICE)));
        assertEquals("[NOTICES] 1 monitor: 2 notices", en.groupTitle(List.of(NOTICE, NOTICE)));
        assertEquals("【通知汇总】1 个监控：2 通知", AlertText.chinese().groupTitle(List.of(NOTICE, NOTICE)));
    }
}
