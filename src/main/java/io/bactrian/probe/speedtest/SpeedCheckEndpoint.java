package io.bactrian.probe.speedtest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.bactrian.core.CheckResult;
import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.StatusExpectation;
import io.bactrian.probe.Thresholds;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Body in: the rows of a split over nodes. Body out: a {@link CheckResult} for the calling
 * route's monitor whose detail is the {@link SpeedReport}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "speed-check", title = "Speed Check", syntax = "speed-check:label",
        category = {Category.MONITORING, Category.HTTP}, producerOnly = true)
public class SpeedCheckEndpoint extends StepEndpoint {
    @UriParam(description = "Accepted status codes: 200, 200,204, 200-299 or 2xx", defaultValue = "200")
    private String expectStatus = "200";
    @UriParam(description = "Comma-separated conditions every node's result must meet, e.g. totalMs < 2000, dnsMs < 300")
    private String thresholds = "";
    @UriParam(description = "IPs or CIDR blocks the host may resolve to; other answers are DNS hijacks")
    private String expectIps = "";
    @UriParam(description = "Rules, any of which makes the monitor DOWN: nodes>=2, percent>=50, province>=2, isp>=2",
            defaultValue = "nodes>=2,percent>=50")
    private String quorum = "nodes>=2,percent>=50";
    private Rules rules;

    record Rules(StatusExpectation status, Thresholds thresholds, ExpectedAddresses addresses, Quorum quorum) {
    }

    SpeedCheckEndpoint(String uri, SpeedCheckComponent component, String label) {
        super(uri, component, label);
    }

    Rules rules() {
        return new Rules(StatusExpectation.parse(expectStatus), Thresholds.parse(thresholds),
                ExpectedAddresses.parse(expectIps), Quorum.parse(quorum));
    }

    @Override
    protected void checkSettings() {
        rules();
    }

    @Override
    protected void prepare() {
        rules = rules();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void check(Exchange exchange) throws Exception {
        String target = exchange.getMessage().getHeader(NodeProbeEndpoint.TARGET, String.class);
        if (target == null) {
            throw new IllegalStateException("speed-check:" + getLabel() + " expects the rows of a split over node-probe");
        }
        List<NodeResult> rows = exchange.getMessage().getMandatoryBody(List.class);
        exchange.getMessage().setBody(check(Monitor.idOf(exchange), target, rows, rules));
    }

    static CheckResult check(String monitor, String target, List<NodeResult> results, Rules rules) {
        String host = URI.create(target).getHost();
        List<SpeedRow> rows = results.stream().map(r -> judge(r, host, rules)).toList();
        String down = rules.quorum().downBecause(rows);
        SpeedReport report = new SpeedReport(target, rows, down);
        long failed = rows.stream().filter(r -> !r.ok()).count();
        double slowest = results.stream().mapToDouble(r -> r.result().totalMs()).max().orElse(0);
        String summary = String.format(Locale.ROOT, "%d nodes, %d failed, slowest %.0f ms%s", rows.size(), failed, slowest,
                failed == 0 ? "" : ": " + report.failed().stream().map(r -> r.result().label() + " " + r.reason())
                        .collect(Collectors.joining("; ")));
        if (down == null) {
            return new CheckResult(monitor, target, Instant.now(), true, null, null, summary, report);
        }
        String failureClass = mostCommon(report.failed(), SpeedRow::failureClass);
        return new CheckResult(monitor, target, Instant.now(), false, failureClass,
                NodeVerdict.because(down, report.failed()), summary, report);
    }

    private static SpeedRow judge(NodeResult nr, String host, Rules rules) {
        ProbeResult r = nr.result();
        if (!r.completed()) {
            return new SpeedRow(nr, r.failure().kind().label(), List.of(r.failure().message()));
        }
        String hijack = rules.addresses().hijack(host, r.ip());
        if (hijack != null) {
            return new SpeedRow(nr, "DNS hijack", List.of(hijack));
        }
        if (!rules.status().accepts(r.status())) {
            return new SpeedRow(nr, "unexpected status",
                    List.of("HTTP " + r.status() + " (expected " + rules.status() + ")"));
        }
        List<String> reasons = new ArrayList<>(rules.thresholds().failures(r));
        return new SpeedRow(nr, reasons.isEmpty() ? null : "threshold", reasons);
    }

    private static String mostCommon(List<SpeedRow> rows, Function<SpeedRow, String> key) {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
    }

    public String getExpectStatus() {
        return expectStatus;
    }

    public void setExpectStatus(String expectStatus) {
        this.expectStatus = expectStatus;
    }

    public String getThresholds() {
        return thresholds;
    }

    public void setThresholds(String thresholds) {
        this.thresholds = thresholds;
    }

    public String getExpectIps() {
        return expectIps;
    }

    public void setExpectIps(String expectIps) {
        this.expectIps = expectIps;
    }

    public String getQuorum() {
        return quorum;
    }

    public void setQuorum(String quorum) {
        this.quorum = quorum;
    }
}
