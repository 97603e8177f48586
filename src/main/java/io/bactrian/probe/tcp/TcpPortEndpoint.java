package io.bactrian.probe.tcp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.bactrian.core.CheckResult;
import io.bactrian.core.MissingSetting;
import io.bactrian.endpoint.CheckEndpoint;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.Failure;
import io.bactrian.probe.Phase;
import io.bactrian.probe.SocketCheck;
import io.bactrian.probe.Watchdog;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** A TCP port check. The body out is a {@link CheckResult} whose detail is the {@link TcpResult}. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "tcp-port", title = "TCP Port", syntax = "tcp-port:label",
        category = {Category.MONITORING, Category.NETWORKING}, producerOnly = true)
public class TcpPortEndpoint extends CheckEndpoint {
    @UriParam(description = "The host to connect to")
    @Metadata(required = true)
    private String host;
    @UriParam(description = "The TCP port (1-65535)")
    @Metadata(required = true)
    private int port;
    @UriParam(description = "A connect slower than this many milliseconds fails the check; 0: any time within the timeout passes",
            defaultValue = "0")
    private int maxConnectMs;
    private Duration limit;

    TcpPortEndpoint(String uri, TcpPortComponent component, String label) {
        super(uri, component, label, "5s");
    }

    /** The settings checked; a missing host last, so that a route that is off still has its other settings checked. */
    Duration settings() {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": not a TCP port (1-65535)");
        }
        if (maxConnectMs < 0) {
            throw new IllegalArgumentException("maxConnectMs " + maxConnectMs + ": must not be negative (0: no limit)");
        }
        Duration limit = timeout();
        if (host == null || host.isBlank()) {
            throw new MissingSetting("host");
        }
        return limit;
    }

    @Override
    protected void checkSettings() {
        settings();
    }

    @Override
    protected void prepare() {
        limit = settings();
    }

    @Override
    protected void check(Exchange exchange) {
        exchange.getMessage().setBody(judge(Monitor.idOf(exchange), connect(limit)));
    }

    private TcpResult connect(Duration limit) {
        SocketCheck check = new SocketCheck(host.trim(), port, limit);
        Failure failure = null;
        try (Socket socket = check.connect(limit); Watchdog ignored = check.watchdog()) {
            check.timer.stop();
        } catch (IOException e) {
            failure = check.failure(e);
        }
        return new TcpResult(host.trim(), port, check.ip, check.timer.millis(Phase.DNS),
                check.timer.millis(Phase.CONNECT), failure);
    }

    private CheckResult judge(String monitor, TcpResult r) {
        String target = SocketCheck.hostPort(r.host(), r.port());
        String connectTime = String.format(Locale.ROOT, "%.1f ms", r.connectMs());
        if (!r.connected()) {
            return new CheckResult(monitor, target, Instant.now(), false, r.failure().kind().label(),
                    r.failure().message(), r.failure().toString(), r);
        }
        if (maxConnectMs > 0 && r.connectMs() > maxConnectMs) {
            String reason = "connect took " + connectTime + " (limit " + maxConnectMs + " ms)";
            return new CheckResult(monitor, target, Instant.now(), false, "slow", reason, reason, r);
        }
        return new CheckResult(monitor, target, Instant.now(), true, null, null,
                "port open at " + SocketCheck.hostPort(r.ip(), r.port()) + ", connected in " + connectTime, r);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getMaxConnectMs() {
        return maxConnectMs;
    }

    /** A connect slower than this fails the check; 0: any time within the timeout passes. */
    public void setMaxConnectMs(int maxConnectMs) {
        this.maxConnectMs = maxConnectMs;
    }
}
