package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.bactrian.testing.MonitorList;
import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on a monitor list with one monitor of each shipped kind: as written valid,
 * and with one bad setting each, one line per monitor naming file, monitor and setting.
 */
class KindMonitorsValidateTest {
    @TempDir
    Path dir;

    @Test
    void aBadSettingOfEachKindIsOneLineNamingFileMonitorAndSetting() throws Exception {
        MonitorProcess.copyProject(dir);
        Files.writeString(dir.resolve("nodes/broken.yaml"), "- id: here\n  kind: teleport\n");
        MonitorList.write(dir, """
                defaults:
                  cron: "0 * * * * ? *"
                monitors:
                  - { id: ssh, kind: tcp, host: db.example.com, port: 5432 }
                  - { id: cert, kind: tls-cert, host: www.example.com }
                  - { id: resolver, kind: dns, name: www.example.com, expect: 10.0.0.1 }
                  - { id: novel, kind: page-watch, url: "https://novel.example.com/book/1", select: "ol li a" }
                  - { id: speed, kind: speed-test, url: "https://www.example.com/", nodes: nodes/local.yaml }
                  - { id: shop-db, kind: db-load, jdbc-url: "jdbc:postgresql://db.example.com:5432/shop",
                      password: "{{env:SHOP_DB_PASSWORD:}}" }
                  - { id: box, kind: metrics, url: "http://box.example.com:9100/metrics" }
                  - { id: lag, kind: kafka-lag, bootstrap-servers: "kafka.example.com:9092", groups: orders }
                """);
        String valid = MonitorProcess.validate(dir);
        assertEquals("0", valid.substring(0, 1), valid);

        MonitorList.write(dir, """
                defaults:
                  cron: "0 * * * * ? *"
                monitors:
                  - { id: ssh, kind: tcp, port: 5432 }
                  - { id: cert, kind: tls-cert, host: www.example.com, warn-days: "30,soon" }
                  - { id: resolver, kind: dns, name: www.example.com, type: AAAA, expect: 10.0.0.1 }
                  - { id: novel, kind: page-watch, url: "https://novel.example.com/", select: "li", regex: "x" }
                  - { id: speed, kind: speed-test, url: "https://www.example.com/", nodes: nodes/broken.yaml }
                  - { id: speed-2, kind: speed-test, url: "https://www.example.com/", nodes: nodes/missing.yaml }
                  - { id: shop-db, kind: db-load, jdbc-url: "jdbc:oracle:thin:@db.example.com:1521/shop" }
                  - { id: box, kind: metrics, url: "http://box.example.com:9100/metrics", thresholds: "node_load1 >" }
                  - { id: lag, kind: kafka-lag, bootstrap-servers: "kafka.example.com:9092", alert-statuses: "WARN,LATE" }
                  - { id: lag-2, kind: kafka-lag, groups: orders }
                """);
        String bad = MonitorProcess.validate(dir);
        List<String> lines = bad.lines().filter(l -> l.startsWith("monitors/test.yaml: ")).toList();
        for (String expected : List.of(
                "monitor 'ssh': host is not set",
                "monitor 'cert': warn-days: '30,soon': not a list of days such as 30,14,7",
                "monitor 'resolver': expect: '10.0.0.1': not an IPv6 address, as a AAAA record holds",
                "monitor 'novel': select, jsonPath, regex: set only one of them",
                "monitor 'speed': nodes: ",
                "monitor 'speed-2': nodes: 'nodes/missing.yaml': no such file",
                "monitor 'shop-db': jdbc-url: 'jdbc:oracle:thin:@db.example.com:1521/shop' is not a MySQL, MariaDB or"
                        + " PostgreSQL URL",
                "monitor 'box': thresholds: 'node_load1 >' is not a threshold",
                "monitor 'lag': alert-statuses: unknown status 'LATE'",
                "monitor 'lag-2': bootstrap-servers is not set")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith("monitors/test.yaml: " + expected)).count(),
                    expected + "\n" + bad);
        }
        assertTrue(bad.startsWith("2\n") && bad.contains("10 problem(s) found"), bad);
    }
}
