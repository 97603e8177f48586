package io.bactrian.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.bactrian.probe.PrometheusText;
import org.junit.jupiter.api.Test;

/** Thresholds on scraped series: selectors and label matchers, ratios, rates over two scrapes, aggregations. */
class MetricRulesTest {
    static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    static Scrape scrape(String text, int second) {
        return new Scrape(PrometheusText.parse(text), T0.plusSeconds(second));
    }

    static final String DISKS = """
            # HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
            # TYPE node_filesystem_avail_bytes gauge
            node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 5e+09
            node_filesystem_avail_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/data"} 4e+09
            node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+06
            node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 1e+10
            node_filesystem_size_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/data"} 1e+11
            node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+08
            """;

    @Test
    void ratioOfTwoSeriesMatchedOnTheirLabels() {
        MetricRules rules = MetricRules.parse("node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} "
                + "/ node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"} * 100 < 10");
        MetricReport r = rules.evaluate("t", scrape(DISKS, 0), null, null);
        assertEquals(2, r.rows().size(), "tmpfs left out: " + r.rows());
        assertEquals(List.of("node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes"
                + "{fstype!~\"tmpfs|overlay\"} * 100 = 4 < 10 {device=\"/dev/sdb1\", fstype=\"xfs\", mountpoint=\"/data\"}"),
                r.problems());
        assertEquals(List.of("Threshold", "Series", "Value", "Result"), r.table().header());
        assertEquals("{device=\"/dev/sdb1\", fstype=\"xfs\", mountpoint=\"/data\"}", r.table().rows().get(0).cells().get(1),
                "failing row first");
        assertEquals("4", r.table().rows().get(0).cells().get(2));
        assertTrue(r.table().rows().get(0).failed());
        assertEquals("50", r.table().rows().get(1).cells().get(2));
        assertEquals("ok", r.table().rows().get(1).cells().get(3));
        assertFalse(r.table().rows().get(1).failed());
    }

    @Test
    void rateOfACounterNeedsTwoScrapesAndSurvivesAReset() {
        MetricRules rules = MetricRules.parse(
                "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}))) > 90; rate(http_requests_total) > 5");
        String first = """
                node_cpu_seconds_total{cpu="0",mode="idle"} 1000
                node_cpu_seconds_total{cpu="0",mode="user"} 50
                node_cpu_seconds_total{cpu="1",mode="idle"} 2000
                http_requests_total{code="200"} 100
                """;
        Scrape s1 = scrape(first, 0);
        MetricReport waiting = rules.evaluate("t", s1, null, null);
        assertTrue(waiting.problems().isEmpty(), "nothing to judge yet: " + waiting.problems());
        assertEquals("(rate needs a second scrape)", waiting.rows().get(0).labels());

        // 10 s later: cpu0 idle 0.5 s (5 %), cpu1 idle 1.5 s (15 %): 90 % busy on average; requests reset to 20
        Scrape s2 = scrape("""
                node_cpu_seconds_total{cpu="0",mode="idle"} 1000.5
                node_cpu_seconds_total{cpu="0",mode="user"} 59.5
                node_cpu_seconds_total{cpu="1",mode="idle"} 2001.5
                http_requests_total{code="200"} 80
                """, 10);
        MetricReport r = rules.evaluate("t", s2, s1, null);
        assertEquals(90.0, r.rows().get(0).value(), 1e-9);
        assertTrue(r.rows().get(0).problem() == null, "90 is not above 90");
        assertEquals(8.0, r.rows().get(1).value(), 1e-9, "a counter that went down was reset: 80 new in 10 s");
        assertEquals(List.of("rate(http_requests_total) = 8 > 5 {code=\"200\"}"), r.problems());
    }

    @Test
    void aggregationByLabelAndMissingSeries() {
        MetricRules rules = MetricRules.parse("sum by (fstype) (node_filesystem_size_bytes) > 5e10; node_load1 > 4");
        MetricReport r = rules.evaluate("t", scrape(DISKS, 0), null, null);
        assertEquals(List.of("sum by (fstype) (node_filesystem_size_bytes) = 100000000000 > 50000000000 {fstype=\"xfs\"}",
                "no series matches node_load1"), r.problems());
    }

    @Test
    void badThresholdsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricRules.parse("node_load1{job=\"x\" > 4"));
        assertTrue(e.getMessage().startsWith("thresholds: 'node_load1{job=\"x\"' is not a metric expression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetricRules.parse("node_load1"));
        assertTrue(e.getMessage().contains("is not a threshold: write <expression> <op> <number>"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetricRules.parse("up{job=~\"(\"} == 0"));
        assertTrue(e.getMessage().contains("bad regular expression"), e.getMessage());
    }

    @Test
    void labelValuesWithEscapesAndBracesAreRead() {
        PrometheusText t = PrometheusText.parse("""
                node_uname_info{machine="x86_64",version="#1 SMP {PREEMPT} \\"dyn\\""} 1
                probe_http_duration_seconds{phase="tls"} 0.25 1700000000000
                """);
        assertEquals("#1 SMP {PREEMPT} \"dyn\"", t.samples().get(0).labels().get("version"));
        assertEquals(0.25, t.value("probe_http_duration_seconds{phase=\"tls\"}"));
    }
}
