package io.bactrian.probe.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.bactrian.core.CheckResult;
import io.bactrian.core.MissingSetting;
import io.bactrian.endpoint.CheckEndpoint;
import io.bactrian.monitor.Monitor;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/** A DNS check. The body out is a {@link CheckResult} whose detail is the {@link DnsResult}. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dns-probe", title = "DNS Probe", syntax = "dns-probe:label",
        category = {Category.MONITORING, Category.NETWORKING}, producerOnly = true)
public class DnsProbeEndpoint extends CheckEndpoint {
    @UriParam(description = "The name to look up, e.g. www.example.com")
    @Metadata(required = true)
    private String name;
    @UriParam(description = "The record type", defaultValue = "A", enums = "A,AAAA,CNAME,MX,NS,TXT")
    private String type = "A";
    @UriParam(description = "The DNS server asked: address, address:port or [v6]:port; port 53 by default")
    @Metadata(required = true)
    private String server;
    @UriParam(description = "The exact set of records the answer must hold, comma separated; empty: any answer")
    private String expect = "";
    private InetSocketAddress address;
    private Set<String> expected;
    private RecordType recordType;
    private long limit;

    DnsProbeEndpoint(String uri, DnsProbeComponent component, String label) {
        super(uri, component, label, "2s");
    }

    RecordType recordType() {
        try {
            return RecordType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type '" + type + "': one of A, AAAA, CNAME, MX, NS, TXT");
        }
    }

    /** The server as {@code address}, {@code address:port} or {@code [v6]:port}; port 53 by default. */
    InetSocketAddress server() {
        millis();
        expected();
        // missing ones last, so that a route that is off still has its other settings checked
        if (name == null || name.isBlank()) {
            throw new MissingSetting("name");
        }
        if (server == null || server.isBlank()) {
            throw new MissingSetting("server");
        }
        String s = server.strip();
        String host = s;
        int port = 53;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[") ? s.contains("]:") : colon > 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        host = host.replace("[", "").replace("]", "");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server '" + server + "': not a port number after ':'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("server '" + server + "': unknown host");
        }
    }

    /** The expected records in the form the answer is compared in; empty: any answer passes. */
    Set<String> expected() {
        RecordType t = recordType();
        Set<String> set = new TreeSet<>();
        for (String value : expect.split(",")) {
            String v = value.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (t == RecordType.A || t == RecordType.AAAA) {
                boolean v4 = v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
                if (t == RecordType.A ? !v4 : !v.contains(":")) {
                    throw new IllegalArgumentException("expect '" + v + "': not an " + (t == RecordType.A ? "IPv4" : "IPv6")
                            + " address, as a " + t + " record holds");
                }
                try {
                    v = InetAddress.getByName(v).getHostAddress(); // one spelling of each IPv6 address
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("expect '" + v + "': not an address");
                }
            } else if (t != RecordType.TXT) {
                v = v.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            }
            set.add(v);
        }
        return set;
    }

    private long millis() {
        return timeout().toMillis();
    }

    @Override
    protected void checkSettings() {
        server();
    }

    @Override
    protected void prepare() {
        address = server();
        expected = expected();
        recordType = recordType();
        limit = millis();
    }

    @Override
    protected void check(Exchange exchange) {
        exchange.getMessage().setBody(judge(Monitor.idOf(exchange), ask(address, recordType, limit), expected));
    }

    private DnsResult ask(InetSocketAddress address, RecordType t, long limit) {
        String at = server.strip();
        long start = System.nanoTime();
        try {
            DnsClient.Answer answer = DnsClient.query(address, name.strip(), t, limit);
            return new DnsResult(name.strip(), t, at, answer.rcode(), new TreeSet<>(answer.values()).stream().toList(),
                    (System.nanoTime() - start) / 1e6, null);
        } catch (SocketTimeoutException e) {
            return new DnsResult(name.strip(), t, at, -1, List.of(), (System.nanoTime() - start) / 1e6,
                    "no answer from " + at + " within " + limit + " ms");
        } catch (IOException e) {
            return new DnsResult(name.strip(), t, at, -1, List.of(), (System.nanoTime() - start) / 1e6,
                    "no answer from " + at + ": " + why(e));
        }
    }

    /** What went wrong; the JDK gives some of these exceptions no message at all. */
    private static String why(IOException e) {
        if (e instanceof PortUnreachableException) {
            return "port unreachable, no DNS server listens there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static CheckResult judge(String monitor, DnsResult r, Set<String> expected) {
        String target = r.type() + " " + r.name() + " @" + r.server();
        String timing = String.format(Locale.ROOT, " in %.1f ms", r.totalMs());
        if (r.error() != null) {
            String kind = r.error().contains("within") ? "timeout" : "DNS failure";
            return fail(monitor, target, kind, r.error(), r);
        }
        if (r.rcode() != 0) {
            String reason = r.rcodeName() + (r.rcode() == 3 ? ": " + r.name() + " does not exist" : " from " + r.server());
            return fail(monitor, target, "DNS failure", reason, r);
        }
        if (r.values().isEmpty()) {
            return fail(monitor, target, "DNS failure", "no " + r.type() + " record for " + r.name(), r);
        }
        if (!expected.isEmpty() && !expected.equals(new TreeSet<>(r.values()))) {
            return fail(monitor, target, "unexpected answer", r.type() + " " + r.name() + " is " + String.join(", ", r.values())
                    + ", expected " + String.join(", ", expected), r);
        }
        return new CheckResult(monitor, target, Instant.now(), true, null, null,
                r.type() + " " + r.name() + " = " + String.join(", ", r.values()) + timing, r);
    }

    private static CheckResult fail(String monitor, String target, String kind, String reason, DnsResult r) {
        return new CheckResult(monitor, target, Instant.now(), false, kind, reason, reason, r);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    public String getExpect() {
        return expect;
    }

    public void setExpect(String expect) {
        this.expect = expect;
    }
}
