package io.bactrian.probe.metrics;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.bactrian.core.CheckResult;
import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.PrometheusText;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** Metric thresholds of one monitor; it keeps the previous scrape for rates as long as the route runs. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "metric-check", title = "Metric Check", syntax = "metric-check:label",
        category = {Category.MONITORING}, producerOnly = true)
public class MetricCheckEndpoint extends StepEndpoint {
    @UriParam(description = "<expression> <op> <number>; ...: a series meeting one is a problem")
    @Metadata(required = true)
    private String thresholds;
    private MetricRules rules;
    private final AtomicReference<Scrape> previous = new AtomicReference<>();

    MetricCheckEndpoint(String uri, MetricCheckComponent component, String label) {
        super(uri, component, label);
    }

    MetricRules rules() {
        return MetricRules.parse(thresholds);
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
    protected void check(Exchange exchange) throws Exception {
        CheckResult probe = exchange.getMessage().getMandatoryBody(CheckResult.class);
        if (!probe.up() || !(probe.detail() instanceof ProbeResult fetched)) {
            return; // the scrape itself failed: the probe's result says why
        }
        if (fetched.bodyTruncated()) {
            String why = "the metrics are longer than maxBodyBytes (" + fetched.sizeBytes() + " bytes read)";
            exchange.getMessage().setBody(new CheckResult(probe.monitor(), probe.target(), probe.at(), false,
                    "not metrics", why, why, fetched));
            return;
        }
        Scrape now;
        try {
            now = new Scrape(PrometheusText.parse(fetched.body() == null ? "" : fetched.body()), probe.at());
        } catch (IllegalArgumentException e) {
            exchange.getMessage().setBody(new CheckResult(probe.monitor(), probe.target(), probe.at(), false,
                    "not metrics", e.getMessage(), e.getMessage(), fetched));
            return;
        }
        MetricReport report = rules.evaluate(probe.target(), now, previous.getAndSet(now), fetched);
        exchange.getMessage().setBody(judge(probe.monitor(), report));
    }

    static CheckResult judge(String monitor, MetricReport report) {
        List<String> problems = report.problems();
        Instant at = report.at();
        String summary = report.rows().size() + " series checked";
        if (problems.isEmpty()) {
            return new CheckResult(monitor, report.target(), at, true, null, null, summary, report);
        }
        String reason = problems.size() <= 3 ? String.join("; ", problems)
                : String.join("; ", problems.subList(0, 3)) + " and " + (problems.size() - 3) + " more";
        return new CheckResult(monitor, report.target(), at, false, "metric threshold", reason, reason, report);
    }

    public String getThresholds() {
        return thresholds;
    }

    public void setThresholds(String thresholds) {
        this.thresholds = thresholds;
    }
}
