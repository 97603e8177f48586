package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.bactrian.testing.RunningMonitor;
import io.bactrian.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped speed-test route against a slow target, probed from three nodes of a node list
 * in parallel: the DOWN mail carries the per-node table with the reason per row.
 */
class SpeedTestRouteTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(RunningMonitor.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path tmp;

    @Test
    void slowTargetFromEveryNodeGivesOneDownWithTheNodeTable() throws Exception {
        Path nodes = tmp.resolve("nodes.yaml");
        Files.writeString(nodes, """
                - { id: "js-suqian-ct", province: "江苏", city: "宿迁", isp: "电信", kind: "local" }
                - { id: "gd-foshan-ct", province: "广东", city: "佛山", isp: "电信", kind: "local" }
                - { id: "zj-jiaxing-cu", province: "浙江", city: "嘉兴", isp: "联通", kind: "local" }
                """);
        try (TestServer slow = TestServer.http((req, out) -> {
            Thread.sleep(300); // slower than the speed thresholds allow, from every node
            TestServer.respond(out, 200, "ok");
        })) {
            Map<String, String> p = RunningMonitor.quiet(tmp.resolve("data"));
            p.put("camel.main.routes-include-pattern",
                    RunningMonitor.projectRoute("speed-test.yaml") + "," + RunningMonitor.alertRoutes());
            p.put("speed-demo.cron", "*/2 * * * * ? *");
            p.put("speed-demo.nodes", nodes.toString());
            p.put("speed-demo.url", slow.url("/page"));
            p.put("speed-demo.thresholds", "totalMs < 150, body contains \"ok\"");
            p.put("speed-demo.failure-threshold", "1");
            try (RunningMonitor app = RunningMonitor.start(p)) {
                assertTrue(mail.waitForIncomingEmail(10_000, 1), "DOWN mail");
                assertTrue(slow.requests().size() >= 3, "every node probed");
            }
        }
        MimeMessage down = mail.getReceivedMessages()[0];
        assertTrue(down.getSubject().startsWith("[DOWN] speed-demo: 3 of 3 nodes failed"), down.getSubject());
        Multipart parts = (Multipart) down.getContent();
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        List<String> rows = Arrays.stream(plain.split("\r\n")).filter(l -> l.contains(" | ")).toList();
        assertEquals(4, rows.size(), "header and one row per node: " + plain);
        assertTrue(rows.get(0).startsWith("Node | Region | ISP | IP | Status | Total ms | DNS ms | Connect ms | TLS ms"));
        for (String node : List.of("江苏宿迁[电信]", "广东佛山[电信]", "浙江嘉兴[联通]")) {
            String row = rows.stream().filter(r -> r.startsWith(node + " | ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + node + " in " + plain));
            assertTrue(row.contains(" | 200 | "), row);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile(".* \\| threshold: totalMs ([0-9.]+) \\(limit < 150\\)$").matcher(row);
            assertTrue(m.matches(), row);
            assertTrue(Double.parseDouble(m.group(1)) >= 300, "the target's 300 ms are measured: " + row);
        }
        assertTrue(html.contains("<th>First byte ms</th>") && html.contains("<td>浙江嘉兴[联通]</td>"), html);
    }
}
