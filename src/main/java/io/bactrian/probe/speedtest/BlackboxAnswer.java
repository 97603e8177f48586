package io.bactrian.probe.speedtest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bactrian.probe.PrometheusText;

/**
 * What blackbox_exporter answers to {@code /probe?...&debug=true}: the probe's log, the metrics
 * it would have returned, and the module. Only the log holds the address it connected to
 * ({@code msg="Resolved target address" ... ip=...}); the metrics have but a hash of it
 * ({@code probe_ip_addr_hash}). An answer without debug sections is read as plain metrics.
 */
record BlackboxAnswer(String ip, PrometheusText metrics) {
    private static final String METRICS = "Metrics that would have been returned:";
    private static final String MODULE = "Module configuration:";
    private static final Pattern RESOLVED = Pattern.compile("msg=\"?Resolved target address\"?.* ip=\"?([0-9A-Fa-f:.]+)");

    static BlackboxAnswer parse(String body) {
        int metrics = body.indexOf(METRICS);
        if (metrics < 0) {
            return new BlackboxAnswer(null, PrometheusText.parse(body));
        }
        int module = body.indexOf(MODULE, metrics);
        String ip = null;
        for (String line : body.substring(0, metrics).split("\n")) {
            Matcher m = RESOLVED.matcher(line);
            if (m.find()) {
                ip = m.group(1);
            }
        }
        return new BlackboxAnswer(ip, PrometheusText.parse(
                body.substring(metrics + METRICS.length(), module < 0 ? body.length() : module)));
    }
}
