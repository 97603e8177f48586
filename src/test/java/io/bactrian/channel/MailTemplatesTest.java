package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert mails from the users' templates and in Chinese, composed as .eml and read back as a
 * mail client does: subject, plain-text part, HTML part.
 */
class MailTemplatesTest {
    private static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    Path dir;

    private static AlertEvent event(AlertKind kind, String monitor) {
        return ChannelFixtures.alert(kind, monitor, "https://" + monitor + ".example/?a=1&b=<2>", AT);
    }

    /** Subject, plain text and HTML of a composed mail, as a receiver decodes them. */
    private record Read(String subject, String rawSubject, String plain, String html) {
        static Read of(AlertMail mail, byte[] eml) throws Exception {
            MimeMessage m = mail.parse(eml);
            MimeMultipart parts = (MimeMultipart) m.getContent();
            return new Read(m.getSubject(), m.getHeader("Subject")[0], (String) parts.getBodyPart(0).getContent(),
                    (String) parts.getBodyPart(parts.getCount() - 1).getContent());
        }
    }

    private MessageTemplates templates(String... nameAndText) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(dir.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        return MessageTemplates.load(dir);
    }

    private static AlertMail mail(String language, MessageTemplates templates) {
        Locale locale = Locale.forLanguageTag(language);
        return new AlertMail("monitor@x.test", "ops@x.test", AlertText.zone("", locale), locale, templates);
    }

    @Test
    void theBuiltInEnglishMailIsUnchanged() throws Exception {
        AlertMail mail = new AlertMail("monitor@x.test", "ops@x.test", UTC);
        Read down = Read.of(mail, mail.compose(event(AlertKind.DOWN, "shop")));
        assertEquals("[DOWN] shop: HTTP 503 (expected 200)", down.subject());
        assertEquals("""
                Monitor: shop\r
                Target: https://shop.example/?a=1&b=<2>\r
                State: DOWN\r
                Failure: unexpected status\r
                Reason: HTTP 503 (expected 200)\r
                Time: 2026-11-24 01:00:00 +00:00\r
                Down since: 2026-11-24 00:58:30 +00:00\r
                Down for: 1m 30s\r
                """, down.plain());
        assertTrue(down.html().contains("<h3>[DOWN] shop: HTTP 503 (expected 200)</h3><table cellpadding=\"4\""),
                down.html());
        assertTrue(down.html().contains("<tr><th align=\"left\">Target</th><td>https://shop.example/?a=1&amp;b=&lt;2&gt;"
                + "</td></tr>"), down.html());
        Read resolved = Read.of(mail, mail.compose(event(AlertKind.RESOLVED, "shop")));
        assertEquals("[RESOLVED] shop is up again after 1m 30s", resolved.subject());
        assertTrue(resolved.plain().contains("Reason: -\r\n"), "no reason once resolved: " + resolved.plain());
        // the same with mail.language = en and templates of other channels and languages only
        AlertMail en = mail("en", templates("wecom.down.en.txt", "chat ${monitor}", "mail.down.zh-CN.txt", "邮件"));
        assertEquals(down.subject(), Read.of(en, en.compose(event(AlertKind.DOWN, "shop"))).subject());
    }

    @Test
    void theMonitorsTemplateWinsOverTheMailTemplateAndBothReplaceSubjectTextAndHtml() throws Exception {
        AlertMail mail = mail("en", templates(
                "mail.down.en.txt", "Site down: ${monitor}\n\n${reason} (${state} since ${downSince})\nOpen ${target}\n",
                "mail.shop.down.en.txt", "Shop is ${state} for ${downFor}\nCall the shop team & open ${target}"));
        Read api = Read.of(mail, mail.compose(event(AlertKind.DOWN, "api")));
        assertEquals("Site down: api", api.subject());
        assertEquals("HTTP 503 (expected 200) (DOWN since 2026-11-24 00:58:30 +00:00)\r\n"
                + "Open https://api.example/?a=1&b=<2>\r\n", api.plain());
        assertTrue(api.html().contains("<h3>Site down: api</h3><div>HTTP 503 (expected 200) (DOWN since "
                + "2026-11-24 00:58:30 +00:00)<br>\r\nOpen https://api.example/?a=1&amp;b=&lt;2&gt;</div>"), api.html());
        assertFalse(api.html().contains("<th align=\"left\">Monitor</th>"), "no built-in facts: " + api.html());

        Read shop = Read.of(mail, mail.compose(event(AlertKind.DOWN, "shop")));
        assertEquals("Shop is DOWN for 1m 30s", shop.subject());
        assertEquals("Call the shop team & open https://shop.example/?a=1&b=<2>\r\n", shop.plain());
        assertTrue(shop.html().contains("<div>Call the shop team &amp; open https://shop.example/?a=1&amp;b=&lt;2&gt;"),
                shop.html());

        // other kinds have no template here: the built-in mail
        Read resolved = Read.of(mail, mail.compose(event(AlertKind.RESOLVED, "shop")));
        assertEquals("[RESOLVED] shop is up again after 1m 30s", resolved.subject());
        assertTrue(resolved.plain().startsWith("Monitor: shop\r\n"), resolved.plain());
    }

    @Test
    void theNodeTableStandsWhereTheTemplatePutsItElseAfterTheText() throws Exception {
        AlertEvent speed = ChatTableTest.speedAlert();
        AlertMail placed = mail("en", templates("mail.shop.down.en.txt", "Slow: ${monitor}\nNodes:\n${table}\n-- ops"));
        Read read = Read.of(placed, placed.compose(speed));
        List<String> lines = read.plain().lines().toList();
        assertEquals("Nodes:", lines.get(0));
        assertTrue(lines.get(2).startsWith("Node | Region | ISP |"), read.plain());
        assertTrue(lines.get(3).startsWith("广东佛山[电信] | 广东佛山 | 电信 |"), "failing node first: " + read.plain());
        assertEquals("-- ops", lines.get(lines.size() - 1));
        int table = read.html().indexOf("<table border=\"1\"");
        assertTrue(table > read.html().indexOf("Nodes:") && table < read.html().indexOf("-- ops"), read.html());
        assertTrue(read.html().contains("<tr style=\"background:#fde2e1\"><td>广东佛山[电信]</td>"), read.html());

        Files.delete(dir.resolve("mail.shop.down.en.txt"));
        AlertMail after = mail("en", templates("mail.down.en.txt", "Slow: ${monitor}\n${reason}"));
        Read appended = Read.of(after, after.compose(speed));
        assertTrue(appended.plain().startsWith("1 of 2 nodes failed: timeout\r\n\r\nNode | Region |"), appended.plain());
        assertTrue(appended.html().contains("1 of 2 nodes failed: timeout<br>\r\n<table border=\"1\""), appended.html());
    }

    @Test
    void theNodeTableSpeaksTheMailsLanguageAndMarksTheFailingRowRed() throws Exception {
        AlertMail zh = mail("zh-CN", MessageTemplates.NONE);
        Read chinese = Read.of(zh, zh.compose(ChatTableTest.speedAlert()));
        assertEquals("节点 | 地区 | 运营商 | IP | 状态码 | 总耗时(毫秒) | DNS(毫秒) | 连接(毫秒) | TLS(毫秒) | 首字节(毫秒) "
                + "| 下载(毫秒) | 大小(字节) | 结果\r\n"
                + "广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 | - | - | - | - | - | - "
                + "| 超时：timed out after 2500 ms\r\n"
                + "江苏宿迁[联通] | 江苏宿迁 | 联通 | 93.184.216.34 | 200 | 76.0 | 3.0 | 8.0 | 20.0 | 40.0 | 5.0 | 1024 | 正常\r\n",
                chinese.plain().substring(chinese.plain().indexOf("节点 |")));
        assertEquals("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;margin-top:12px\">"
                + "<tr><th>节点</th><th>地区</th><th>运营商</th><th>IP</th><th>状态码</th><th>总耗时(毫秒)</th>"
                + "<th>DNS(毫秒)</th><th>连接(毫秒)</th><th>TLS(毫秒)</th><th>首字节(毫秒)</th><th>下载(毫秒)</th>"
                + "<th>大小(字节)</th><th>结果</th></tr>"
                + "<tr style=\"background:#fde2e1\"><td>广东佛山[电信]</td><td>广东佛山</td><td>电信</td>"
                + "<td>93.184.216.34</td><td>-</td><td>2500.0</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
                + "<td>-</td><td>超时：timed out after 2500 ms</td></tr>"
                + "<tr><td>江苏宿迁[联通]</td><td>江苏宿迁</td><td>联通</td><td>93.184.216.34</td><td>200</td>"
                + "<td>76.0</td><td>3.0</td><td>8.0</td><td>20.0</td><td>40.0</td><td>5.0</td><td>1024</td><td>正常</td>"
                + "</tr></table>", htmlTable(chinese.html()));

        AlertMail en = mail("en", MessageTemplates.NONE);
        Read english = Read.of(en, en.compose(ChatTableTest.speedAlert()));
        assertEquals("Node | Region | ISP | IP | Status | Total ms | DNS ms | Connect ms | TLS ms | First byte ms "
                + "| Download ms | Size | Result\r\n"
                + "广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 | - | - | - | - | - | - "
                + "| timeout: timed out after 2500 ms\r\n"
                + "江苏宿迁[联通] | 江苏宿迁 | 联通 | 93.184.216.34 | 200 | 76.0 | 3.0 | 8.0 | 20.0 | 40.0 | 5.0 | 1024 | ok\r\n",
                english.plain().substring(english.plain().indexOf("Node |")));
        String html = htmlTable(english.html());
        assertTrue(html.contains("<tr><th>Node</th><th>Region</th><th>ISP</th><th>IP</th><th>Status</th><th>Total ms</th>"
                + "<th>DNS ms</th><th>Connect ms</th><th>TLS ms</th><th>First byte ms</th><th>Download ms</th>"
                + "<th>Size</th><th>Result</th></tr><tr style=\"background:#fde2e1\"><td>广东佛山[电信]</td>"), html);
        assertTrue(html.contains("<td>timeout: timed out after 2500 ms</td></tr><tr><td>江苏宿迁[联通]</td>"), html);
        assertTrue(html.endsWith("<td>1024</td><td>ok</td></tr></table>"), html);
    }

    /** The node table of an HTML part. */
    private static String htmlTable(String html) {
        int start = html.indexOf("<table border=\"1\"");
        return html.substring(start, html.indexOf("</table>", start) + "</table>".length());
    }

    @Test
    void aSubjectLineAloneKeepsTheBuiltInText() throws Exception {
        AlertMail mail = mail("en", templates("mail.down.en.txt", "[P1] ${monitor} is down\n\n"));
        Read read = Read.of(mail, mail.compose(event(AlertKind.DOWN, "shop")));
        assertEquals("[P1] shop is down", read.subject());
        assertTrue(read.plain().startsWith("Monitor: shop\r\nTarget: "), read.plain());
        assertTrue(read.html().contains("<h3>[P1] shop is down</h3><table"), read.html());
    }

    @Test
    void chineseMailSaysWhatTheChineseChatSaysWithAnEncodedSubject() throws Exception {
        AlertMail mail = mail("zh-CN", MessageTemplates.NONE);
        Read down = Read.of(mail, mail.compose(event(AlertKind.DOWN, "商城")));
        assertEquals("【告警】商城：HTTP 503 (expected 200)", down.subject());
        assertEquals(AlertText.chinese().title(event(AlertKind.DOWN, "商城")), down.subject());
        assertTrue(down.rawSubject().startsWith("=?UTF-8?"), "RFC 2047: " + down.rawSubject());
        String eml = new String(mail.compose(event(AlertKind.DOWN, "商城")), StandardCharsets.US_ASCII);
        assertFalse(eml.chars().anyMatch(c -> c > 127), "7-bit headers and bodies");
        assertEquals("商城", MimeUtility.decodeText(mail.parse(eml.getBytes(StandardCharsets.US_ASCII))
                .getHeader("X-Bactrian", null)));
        assertEquals("""
                监控: 商城\r
                目标: https://商城.example/?a=1&b=<2>\r
                状态: 故障\r
                故障类型: 状态码不符\r
                原因: HTTP 503 (expected 200)\r
                时间: 2026-11-24 09:00:00 +08:00\r
                故障开始: 2026-11-24 08:58:30 +08:00\r
                已持续: 1分30秒\r
                """, down.plain(), "China Standard Time without bactrian.time-zone");
        assertTrue(down.html().contains("<th align=\"left\">状态</th><td>故障</td>"), down.html());

        Read resolved = Read.of(mail, mail.compose(event(AlertKind.RESOLVED, "商城")));
        assertEquals("【恢复】商城 已恢复，故障时长 1分30秒", resolved.subject());
        assertTrue(resolved.plain().contains("状态: 已恢复\r\n") && resolved.plain().contains("故障时长: 1分30秒"),
                resolved.plain());
    }

    @Test
    void chineseTemplatesFollowTheMailLanguage() throws Exception {
        MessageTemplates templates = templates("mail.down.zh-CN.txt", "【故障】${monitor}：${reason}\n状态：${state}，已 ${downFor}",
                "mail.down.en.txt", "English ${monitor}");
        Locale zh = Locale.forLanguageTag("zh-CN");
        AlertMail mail = new AlertMail("monitor@x.test", "ops@x.test", AlertText.zone("Europe/Berlin", zh), zh, templates);
        Read read = Read.of(mail, mail.compose(event(AlertKind.DOWN, "商城")));
        assertEquals("【故障】商城：HTTP 503 (expected 200)", read.subject());
        assertEquals("状态：故障，已 1分30秒\r\n", read.plain());
        assertTrue(read.html().contains("<div>状态：故障，已 1分30秒</div>"), read.html());
        AlertMail en = mail("en", templates);
        assertEquals("English shop", Read.of(en, en.compose(event(AlertKind.DOWN, "shop"))).subject());
    }

    @Test
    void theDigestCountsInTheMailLanguageAndKeepsEachMail() throws Exception {
        for (String language : List.of("zh-CN", "en")) {
            AlertMail mail = mail(language, MessageTemplates.NONE);
            List<AlertEvent> events = List.of(ChatTableTest.speedAlert(), event(AlertKind.DOWN, "api"),
                    event(AlertKind.RESOLVED, "blog"));
            Read digest = Read.of(mail, mail.composeGroup(events));
            if (language.equals("zh-CN")) {
                assertEquals("【告警汇总】3 个监控：2 故障，1 恢复", digest.subject());
            } else {
                assertEquals("[ALERTS] 3 monitors: 2 down, 1 resolved", digest.subject());
            }
            // each alert's own mail, oldest first: its subject, then its facts and table
            StringBuilder plain = new StringBuilder();
            for (AlertEvent e : events) {
                Read own = Read.of(mail, mail.compose(e));
                plain.append(plain.length() == 0 ? "" : "\r\n").append(own.subject()).append("\r\n").append(own.plain());
                assertTrue(digest.html().contains("<h4>" + AlertMail.escape(own.subject()) + "</h4>"), digest.html());
            }
            assertEquals(plain.toString(), digest.plain());
            assertTrue(digest.plain().contains("广东佛山[电信] | 广东佛山 | 电信 | 93.184.216.34 | - | 2500.0 |"),
                    "the speed test's node table: " + digest.plain());
            assertTrue(digest.html().contains("<tr style=\"background:#fde2e1\"><td>广东佛山[电信]</td>"),
                    "its failing row, marked: " + digest.html());
        }
    }
}
