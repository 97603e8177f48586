package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and the shipped page-watch, tls-cert, tcp-port and dns-check routes: off
 * and valid as shipped; once switched on, every bad setting named with file, monitor and field.
 */
class NetMonitorsValidateTest {
    @TempDir
    Path dir;

    @Test
    void shippedOffIsValidAndBadSettingsAreNamed() throws Exception {
        MonitorProcess.copyProject(dir);
        String shipped = MonitorProcess.validate(dir);
        assertEquals("0", shipped.substring(0, 1), shipped);

        // off, but a bad threshold is still a bad threshold
        MonitorProcess.setProperty(dir, "tcp-port.port", "70000");
        String off = MonitorProcess.validate(dir);
        assertTrue(off.contains("routes/tcp-port.yaml: monitor 'tcp-port': tcp-port: port 70000: not a TCP port (1-65535)"),
                off);

        MonitorProcess.setProperty(dir, "tcp-port.host", "db.example.com");
        MonitorProcess.setProperty(dir, "tcp-port.port", "5432");
        MonitorProcess.setProperty(dir, "tls-cert.host", "www.example.com");
        MonitorProcess.setProperty(dir, "tls-cert.warn-days", "30,soon");
        MonitorProcess.setProperty(dir, "dns-check.name", "www.example.com");
        MonitorProcess.setProperty(dir, "dns-check.type", "AAAA");
        MonitorProcess.setProperty(dir, "dns-check.expect", "10.0.0.1");
        MonitorProcess.setProperty(dir, "page-watch.url", "https://novel.example.com/book/1?from=a&to=b");
        MonitorProcess.setProperty(dir, "page-watch.select", "ul.chapters li");
        MonitorProcess.setProperty(dir, "page-watch.regex", "Chapter (\\\\d+)");
        String on = MonitorProcess.validate(dir);
        assertTrue(on.startsWith("2\n"), on);
        assertTrue(on.contains("routes/tls-cert.yaml: monitor 'tls-cert': tls-cert: warnDays '30,soon': not a list of days"
                + " such as 30,14,7"), on);
        assertTrue(on.contains("routes/dns-check.yaml: monitor 'dns-check': dns-probe: expect '10.0.0.1': not an IPv6"
                + " address, as a AAAA record holds"), on);
        assertTrue(on.contains("routes/page-watch.yaml: monitor 'page-watch': page-watch: select, jsonPath, regex: set"
                + " only one of them"), on);
        assertTrue(on.contains("3 problem(s) found"), on);

        MonitorProcess.setProperty(dir, "tls-cert.warn-days", "30,14,7");
        MonitorProcess.setProperty(dir, "dns-check.expect", "2001:db8::1");
        MonitorProcess.setProperty(dir, "page-watch.regex", "");
        MonitorProcess.setProperty(dir, "page-watch.ignore", "\\\\d+ (views|reads)");
        String fixed = MonitorProcess.validate(dir);
        assertEquals("0", fixed.substring(0, 1), fixed);
    }

    @Test
    void switchedOnWithoutATargetIsNamed() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "dns-check.name", "www.example.com");
        MonitorProcess.setProperty(dir, "dns-check.server", "");
        String result = MonitorProcess.validate(dir);
        assertTrue(result.contains("routes/dns-check.yaml: monitor 'dns-check': dns-probe: server is not set"), result);
    }
}
