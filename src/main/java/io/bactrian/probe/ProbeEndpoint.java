package io.bactrian.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.bactrian.core.Durations;
import io.bactrian.endpoint.CheckEndpoint;
import org.apache.camel.Component;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;

/** The request settings every HTTP probe step shares: what to ask, and how long to wait. */
public abstract class ProbeEndpoint extends CheckEndpoint {
    @UriParam(description = "The http:// or https:// URL to request")
    @Metadata(required = true)
    private String url;
    @UriParam(description = "The HTTP method", defaultValue = "GET")
    private String method = "GET";
    @UriParam(description = "Request headers, Name: value pairs separated by ; or new lines")
    private String headers;
    @UriParam(description = "The request body")
    private String body;
    @UriParam(description = "Time limit of the connection (DNS, TCP, TLS)", defaultValue = "10s",
            javaType = "java.time.Duration")
    private String connectTimeout = "10s";
    @UriParam(description = "Whether redirects are followed", defaultValue = "true")
    private boolean followRedirects = true;
    @UriParam(description = "Whether the server's certificate is verified; on by default", defaultValue = "true")
    private boolean verifyTls = true;
    @UriParam(description = "Bytes of the body read at most", defaultValue = "" + ProbeRequest.DEFAULT_MAX_BODY_BYTES)
    private int maxBodyBytes = ProbeRequest.DEFAULT_MAX_BODY_BYTES;

    protected ProbeEndpoint(String uri, Component component, String label) {
        super(uri, component, label, "10s");
    }

    /** The request, checked: bad settings fail the route at start-up with the parameter named. */
    public ProbeRequest request() {
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
        return ProbeRequest.builder(target)
                .method(method.toUpperCase(Locale.ROOT))
                .headers(headerMap())
                .body(body)
                .connectTimeout(Durations.positive("connectTimeout", connectTimeout))
                .timeout(timeout())
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

    public String getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
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
