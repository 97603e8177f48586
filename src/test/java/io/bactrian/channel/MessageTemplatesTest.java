package io.bactrian.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.list.Channels;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' templates per channel and per monitor, sent to a fake WeCom and Slack: the monitor's
 * own wins over the channel's, the built-in text stays where there is none, and a bad template
 * is named with its file and field.
 */
class MessageTemplatesTest {
    private static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");

    @TempDir
    Path dir;

    private static AlertEvent event(AlertKind kind, String monitor) {
        return ChannelFixtures.alert(kind, monitor, "https://" + monitor + ".example/", AT);
    }

    private QueuedSenders senders(Map<String, String> more) {
        Map<String, String> p = new java.util.HashMap<>(more);
        p.put("channel.templates", dir.resolve("templates").toString());
        p.put("channel.group-wait", "0");
        p.put("channel.wecom.rate-limit", "none");
        p.put("bactrian.time-zone", "Asia/Shanghai");
        return new QueuedSenders(k -> p.getOrDefault(k, ""), Clock.systemUTC());
    }

    private void template(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates").resolve(name), text);
    }

    @Test
    void monitorsOwnTemplateWinsOverTheChannelsAndTheBuiltInStaysElsewhere() throws Exception {
        template("wecom.down.zh-CN.txt", "### ${monitor} 挂了\n原因：${reason}\n时间：${time}");
        template("wecom.shop.down.zh-CN.txt", "### 商城故障 ${state}\n请值班同事处理：${target}，已 ${downFor}");
        try (TestServer wecom = TestServer.answering(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            QueuedSenders senders = senders(Map.of("channel.wecom.key", "k", "channel.wecom.base-url", wecom.url("")));
            senders.send("wecom", event(AlertKind.DOWN, "shop"));
            senders.send("wecom", event(AlertKind.DOWN, "api"));
            senders.send("wecom", event(AlertKind.RESOLVED, "api"));
            List<String> contents = wecom.requests().stream().map(r -> content(r.body())).toList();
            assertEquals("### 商城故障 故障\n请值班同事处理：https://shop.example/，已 1分30秒", contents.get(0));
            assertEquals("### api 挂了\n原因：HTTP 503 (expected 200)\n时间：2026-11-24 09:00:00 +08:00",
                    contents.get(1));
            assertTrue(contents.get(2).startsWith("**【恢复】api 已恢复，故障时长 1分30秒**"), "built-in: " + contents.get(2));
        }
    }

    @Test
    void templatesFollowTheChannelsLanguageAndTitleTheMessage() throws Exception {
        template("slack.resolved.en.txt", ":white_check_mark: ${monitor} is back (down ${downFor})\n${target}");
        try (TestServer slack = TestServer.answering(200, "ok")) {
            QueuedSenders senders = senders(Map.of("channel.slack.webhook-path", "/services/T/B/x",
                    "channel.slack.base-url", slack.url(""), "channel.slack.language", "en"));
            senders.send("slack", event(AlertKind.RESOLVED, "api"));
            JsonNode body = ChannelFixtures.json(slack.requests().get(0).body());
            assertEquals(":white_check_mark: api is back (down 1m 30s)", body.get("text").asText());
            assertEquals(":white_check_mark: api is back (down 1m 30s)\nhttps://api.example/",
                    body.get("blocks").get(0).get("text").get("text").asText());
        }
    }

    @Test
    void aBadTemplateIsNamedWithFileAndField() throws Exception {
        template("wecom.down.zh-CN.txt", "${monitor}: ${reasn}");
        template("wecom.shop.broken.zh-CN.txt", "x");
        template("pager.down.en.txt", "x");
        List<String[]> problems = MessageTemplates.problems(dir.resolve("templates"), Channels.NAMES);
        assertEquals(3, problems.size());
        assertEquals(dir.resolve("templates/pager.down.en.txt").toString(), problems.get(0)[0]);
        assertEquals("file name", problems.get(0)[1]);
        assertEquals(dir.resolve("templates/wecom.down.zh-CN.txt").toString(), problems.get(1)[0]);
        assertEquals("${reasn}", problems.get(1)[1]);
        assertTrue(problems.get(1)[2].startsWith("unknown placeholder; known: description, downFor, downSince"), problems.get(1)[2]);
        assertEquals(dir.resolve("templates/wecom.shop.broken.zh-CN.txt").toString(), problems.get(2)[0]);
        assertEquals(List.of(), MessageTemplates.problems(dir.resolve("no-such-folder"), Channels.NAMES));
    }

    private static String content(String body) {
        try {
            return ChannelFixtures.json(body).get("markdown_v2").get("content").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
