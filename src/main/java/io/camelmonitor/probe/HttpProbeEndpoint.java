package io.camelmonitor.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.camelmonitor.alert.CheckResult;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.TimeUtils;

/**
 * An HTTP check. The body out is a {@link CheckResult} for the calling route's monitor, whose
 * detail is the {@link ProbeResult}.
 */
public class HttpProbeEndpoint extends DefaultEndpoint {
    private final String label;
    private String url;
    private String method = "GET";
    private String headers;
    private String body;
    private String expectStatus = "200";
    private String connectTimeout = "10s";
    private String timeout = "10s";
    private boolean followRedirects = true;
    private boolean verifyTls = true;
    private int maxBodyBytes = ProbeRequest.DEFAULT_MAX_BODY_BYTES;

    HttpProbeEndpoint(String uri, HttpProbeComponent component, String label) {
        super(uri, component);
        this.label = label;
    }

    ProbeRequest request() {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is not set");
        }
        URI target;
        try {
            target = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + url + "': " + e.getMessage());
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new IllegalArgumentException("url '" + url + "': must be an absolute http:// or https:// URL with a host");
        }
        if (!method.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("method '" + method + "': not an HTTP method");
        }
        StatusExpectation.parse(expectStatus);
        return ProbeRequest.builder(target)
                .method(method.toUpperCase(Locale.ROOT))
                .headers(headerMap())
                .body(body)
                .connectTimeout(duration("connectTimeout", connectTimeout))
                .timeout(duration("timeout", timeout))
                .followRedirects(followRedirects)
                .verifyTls(verifyTls)
                .maxBodyBytes(maxBodyBytes)
                .build();
    }

    /** {@code Name: value} pairs separated by {@code ;} or new lines. */
    private Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            for (String line : headers.split("[;\\n]")) {
                if (line.isBlank()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("headers: '" + line.trim() + "' is not 'Name: value'");
                }
                map.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return map;
    }

    private static Duration duration(String name, String value) {
        long millis;
        try {
            millis = TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            millis = -1;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException(name + " '" + value + "': not a positive duration such as 2500, 2500ms or 3s");
        }
        return Duration.ofMillis(millis);
    }

    @Override
    public Producer createProducer() {
        ProbeRequest request = request();
        StatusExpectation expected = StatusExpectation.parse(expectStatus);
        HttpProbe probe = ((HttpProbeComponent) getComponent()).probe();
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                exchange.getMessage().setBody(judge(exchange.getFromRouteId(), probe.probe(request), expected));
            }
        };
    }

    private CheckResult judge(String monitor, ProbeResult r, StatusExpectation expected) {
        String target = url.trim();
        String timing = String.format(Locale.ROOT, "%.1f ms", r.totalMs());
        if (!r.completed()) {
            Failure f = r.failure();
            return new CheckResult(monitor, target, Instant.now(), false, f.kind().label(), f.message(),
                    f.kind().label() + " in " + f.phase() + ": " + f.message(), r);
        }
        if (!expected.accepts(r.status())) {
            String reason = "HTTP " + r.status() + " (expected " + expected + ")";
            return new CheckResult(monitor, target, Instant.now(), false, "unexpected status", reason,
                    reason + " in " + timing, r);
        }
        return new CheckResult(monitor, target, Instant.now(), true, null, null, "HTTP " + r.status() + " in " + timing, r);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("http-probe:" + label + " can only be sent to");
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getExpectStatus() {
        return expectStatus;
    }

    public void setExpectStatus(String expectStatus) {
        this.expectStatus = expectStatus;
    }

    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public boolean isFollowRedirects() {
        return followRedirects;
    }

    public void setFollowRedirects(boolean followRedirects) {
        this.followRedirects = followRedirects;
    }

    public boolean isVerifyTls() {
        return verifyTls;
    }

    /** Per-monitor opt-out of certificate checks; on by default. */
    public void setVerifyTls(boolean verifyTls) {
        this.verifyTls = verifyTls;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }
}
