package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.channel.AlertMail;
import io.bactrian.channel.MessageTemplates;
import io.bactrian.core.CheckResult;
import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.StatusExpectation;
import io.bactrian.probe.Thresholds;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

/** Quorum, DNS hijack and threshold rules on rows whose measurements the test sets. */
class SpeedCheckRulesTest {
    static final String URL = "https://www.example.com/";

    static Node node(String id, String province, String isp) {
        return new Node(id, null, province, "", isp, Node.Kind.LOCAL, null, null, null, null, 1);
    }

    static ProbeResult ok(String ip, double totalMs, String body) {
        return new ProbeResult(URI.create(URL), ip, 200, "HTTP/1.1", 5, 10, 20, totalMs - 40, 5, totalMs, 2,
                false, body, Map.of(), 0, Instant.now().plusSeconds(86400 * 40 + 3600), null);
    }

    static ProbeResult timeout() {
        return new ProbeResult(URI.create(URL), "93.184.216.34", 0, null, 5, 10, 0, 0, 0, 2500, 0, false, null,
                Map.of(), 0, null, new Failure(FailureClass.TIMEOUT, "ttfb", "timed out after 2500 ms"));
    }

    static CheckResult check(String quorum, String expectIps, String thresholds, List<NodeResult> rows) {
        SpeedCheckEndpoint.Rules rules = new SpeedCheckEndpoint.Rules(StatusExpectation.parse("200"),
                Thresholds.parse(thresholds), ExpectedAddresses.parse(expectIps), Quorum.parse(quorum));
        return SpeedCheckEndpoint.check("m", URL, rows, rules);
    }

    /** {@code n} nodes, the first {@code failing} of which time out. */
    static List<NodeResult> rows(int n, int failing, String... provinces) {
        List<NodeResult> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String province = provinces.length > i ? provinces[i] : "p" + i;
            Node node = node("n" + i, province, i % 2 == 0 ? "电信" : "联通");
            rows.add(new NodeResult(node, node.displayName(), i < failing ? timeout() : ok("93.184.216.34", 80, "ok")));
        }
        return rows;
    }

    @Test
    void oneBadNodeWakesNobody() {
        assertTrue(check("nodes>=2", "", "", rows(8, 1)).up());
        CheckResult down = check("nodes>=2", "", "", rows(8, 2));
        assertFalse(down.up());
        assertEquals("timeout", down.failureClass());
        assertTrue(down.reason().startsWith("2 of 8 nodes failed"), down.reason());
    }

    @Test
    void percentOfNodes() {
        assertTrue(check("percent>=50", "", "", rows(8, 3)).up());
        assertFalse(check("percent>=50", "", "", rows(8, 4)).up());
        assertFalse(check("percent>=50", "", "", rows(1, 1)).up(), "a single node is 100 %");
    }

    @Test
    void nodesOfOneProvinceOrIsp() {
        // two failures in different provinces: not a province outage
        assertTrue(check("province>=2", "", "", rows(6, 2, "广东", "江苏", "广东")).up());
        CheckResult down = check("province>=2", "", "", rows(6, 3, "广东", "江苏", "广东"));
        assertFalse(down.up());
        assertTrue(down.reason().contains("2 nodes failed in province 广东"), down.reason());
        // failing nodes n0 and n2 are both 电信
        CheckResult isp = check("isp>=2", "", "", rows(6, 3, "a", "b", "c"));
        assertTrue(isp.reason().contains("2 nodes failed on ISP 电信"), isp.reason());
        assertTrue(check("isp>=3", "", "", rows(6, 3, "a", "b", "c")).up());
    }

    @Test
    void anyRuleSuffices() {
        assertFalse(check("nodes>=5, percent>=50", "", "", rows(4, 2)).up());
        assertTrue(check("nodes>=5, percent>=60", "", "", rows(4, 2)).up());
    }

    @Test
    void dnsHijackIsItsOwnFailureClass() {
        List<NodeResult> rows = new ArrayList<>(rows(3, 0));
        Node poisoned = node("poisoned", "江苏", "电信");
        rows.add(new NodeResult(poisoned, "江苏[电信]", ok("127.0.0.1", 50, "ok")));
        Node redirected = node("elsewhere", "广东", "移动");
        rows.add(new NodeResult(redirected, "广东[移动]", ok("10.9.9.9", 50, "ok")));
        CheckResult r = check("nodes>=2", "93.184.216.0/24", "", rows);
        assertFalse(r.up());
        assertEquals("DNS hijack", r.failureClass());
        SpeedReport report = (SpeedReport) r.detail();
        assertEquals(List.of("poisoned", "elsewhere"), report.failed().stream().map(x -> x.result().node().id()).toList(),
                "failing rows first");
        assertEquals("www.example.com resolved to 127.0.0.1", report.failed().get(0).reason());
        assertEquals("www.example.com resolved to 10.9.9.9, expected 93.184.216.0/24", report.failed().get(1).reason());
        // without an expected list only loopback / unspecified answers are hijacks
        assertTrue(check("nodes>=2", "", "", rows).up());
    }

    @Test
    void ipLiteralTargetsAreNeverHijacked() {
        assertNull(ExpectedAddresses.parse("").hijack("127.0.0.1", "127.0.0.1"));
        assertNull(ExpectedAddresses.parse("10.0.0.0/8").hijack("[::1]", "::1"));
        assertEquals("a.test resolved to 0.0.0.0", ExpectedAddresses.parse("").hijack("a.test", "0.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> ExpectedAddresses.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ExpectedAddresses.parse("example.com"));
    }

    @Test
    void thresholdsOnEveryPhaseBodyJsonAndCertificate() {
        ProbeResult r = ok("93.184.216.34", 480, "{\"status\":\"UP\",\"items\":[{\"n\":3}]}");
        assertEquals(List.of(), Thresholds.parse("totalMs < 500, dnsMs <= 5, ttfbMs < 450, certDays >= 30, "
                + "body contains \"UP\", $.status == \"UP\", $.items[0].n == 3, status == 2xx").failures(r));
        assertEquals(List.of("totalMs 480 (limit < 400)", "connectMs 10 (limit < 10)",
                        "body lacks \"DOWN\"", "$.status is \"UP\" (expected \"DOWN\")", "certDays 40 (limit >= 60)"),
                Thresholds.parse("totalMs < 400, connectMs < 10, body contains \"DOWN\", $.status == \"DOWN\", "
                        + "certDays >= 60").failures(r));
        Exception e = assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("totalMs ~ 3"));
        assertTrue(e.getMessage().startsWith("thresholds: 'totalMs ~ 3' is not a condition"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quorum.parse("nodes>2"));
        assertThrows(IllegalArgumentException.class, () -> Quorum.parse("percent>=120"));
    }

    @Test
    void aThresholdBreachIsClassifiedAndExplainedPerRow() {
        List<NodeResult> rows = new ArrayList<>();
        rows.add(new NodeResult(node("slow", "四川", "移动"), "四川[移动]", ok("93.184.216.34", 2600, "ok")));
        rows.add(new NodeResult(node("fast", "北京", "联通"), "北京[联通]", ok("93.184.216.34", 90, "ok")));
        CheckResult r = check("nodes>=1", "", "totalMs < 2000", rows);
        assertFalse(r.up());
        assertEquals("threshold", r.failureClass());
        assertEquals("totalMs 2600 (limit < 2000)", ((SpeedReport) r.detail()).failed().get(0).reason());
    }

    @Test
    void theHeadlineNamesEachDistinctReason() throws Exception {
        List<NodeResult> rows = new ArrayList<>();
        rows.add(new NodeResult(node("a", "北京", "联通"), "北京[联通]", ok("93.184.216.34", 80, "OK")));
        Node remote = node("sh", "上海", "电信");
        rows.add(new NodeResult(remote, "上海[电信]", new ProbeResult(URI.create(URL), null, 0, null, 0, 0, 0, 0, 0, 12, 0,
                false, null, Map.of(), 0, null,
                new Failure(FailureClass.TOKEN_REFUSED, "node", "node refused the token (401)"))));
        rows.add(new NodeResult(node("b", "广东", "电信"), "广东[电信]", ok("93.184.216.34", 80, "maintenance")));
        rows.add(new NodeResult(node("c", "江苏", "移动"), "江苏[移动]", ok("93.184.216.34", 80, "OK")));
        CheckResult r = check("nodes>=2", "", "body contains \"OK\"", rows);
        assertFalse(r.up());
        assertEquals("2 of 4 nodes failed: token refused (1), threshold (1)", r.reason());
        // one class: named alone
        assertEquals("2 of 8 nodes failed: timeout", check("nodes>=2", "", "", rows(8, 2)).reason());

        AlertEvent down = new AlertEvent(AlertKind.DOWN, "m", URL, r.at(), r.at(), r.failureClass(), r.reason(), r);
        AlertMail zh = new AlertMail("m@x.test", "ops@x.test", ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE,
                MessageTemplates.NONE);
        assertEquals("【告警】m：4 个节点中 2 个失败：令牌被拒（1 个），超出阈值（1 个）", zh.subject(down));
        MimeMultipart parts = (MimeMultipart) zh.parse(zh.compose(down)).getContent();
        String plain = (String) parts.getBodyPart(0).getContent();
        assertTrue(plain.contains("原因: 4 个节点中 2 个失败：令牌被拒（1 个），超出阈值（1 个）\r\n"), plain);
        String html = (String) parts.getBodyPart(1).getContent();
        assertFalse(plain.contains("nodes failed") || html.contains("nodes failed"), "no English headline: " + plain);
        assertEquals("[DOWN] m: 2 of 4 nodes failed: token refused (1), threshold (1)",
                new AlertMail("m@x.test", "ops@x.test", ZoneId.of("UTC")).subject(down));
        // the other rules, as the Chinese texts say them
        assertEquals("8 个节点中 4 个失败（50%）：超时", NodeVerdict.chinese(
                check("percent>=50", "", "", rows(8, 4)).reason(), c -> c.equals("timeout") ? "超时" : c));
        assertEquals("省份 广东 有 2 个节点失败：timeout", NodeVerdict.chinese(
                check("province>=2", "", "", rows(6, 3, "广东", "江苏", "广东")).reason(), c -> c));
        assertEquals("运营商 电信 有 2 个节点失败：timeout",
                NodeVerdict.chinese(check("isp>=2", "", "", rows(6, 3, "a", "b", "c")).reason(), c -> c));
        assertNull(NodeVerdict.chinese("HTTP 500 (expected 200)", c -> c), "not a verdict");
    }

    /** Words a Chinese mail may hold in Latin letters: protocol names, and this test's monitor. */
    private static final Set<String> LATIN_WORDS = Set.of("shop", "DNS", "TLS", "IP", "HTTP");

    @Test
    void aChineseSpeedTestMailSaysInChineseAllButItsData() throws Exception {
        List<NodeResult> rows = new ArrayList<>();
        rows.add(new NodeResult(node("a", "北京", "联通"), "北京[联通]", ok("93.184.216.34", 80, "OK")));
        rows.add(new NodeResult(node("sh", "上海", "电信"), "上海[电信]", timeout()));
        rows.add(new NodeResult(node("b", "广东", "电信"), "广东[电信]", ok("93.184.216.34", 80, "maintenance")));
        CheckResult r = check("nodes>=2", "", "body contains \"OK\"", rows);
        AlertEvent down = new AlertEvent(AlertKind.DOWN, "shop", URL, r.at(), r.at().minusSeconds(150), r.failureClass(),
                r.reason(), r);
        AlertMail zh = new AlertMail("m@x.test", "ops@x.test", ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE,
                MessageTemplates.NONE);
        MimeMultipart parts = (MimeMultipart) zh.parse(zh.compose(down)).getContent();
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = ((String) parts.getBodyPart(1).getContent()).replaceAll("<[^>]*>", " ").replace("&quot;", "\"");
        for (String text : List.of(plain, html)) {
            String said = text.replace(URL, " ");
            // each node's own reason is the probe's or the rule's words, shown as they came
            for (SpeedRow row : ((SpeedReport) r.detail()).failed()) {
                said = said.replace(row.reason(), " ");
            }
            List<String> english = Pattern.compile("[A-Za-z]+").matcher(said).results().map(MatchResult::group)
                    .filter(w -> !LATIN_WORDS.contains(w)).toList();
            assertEquals(List.of(), english, said);
        }
    }
}
