package io.bactrian.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * Probes an HTTP(S) URL over plain blocking sockets and times each phase: DNS, connect, TLS,
 * time to first byte and download. Every probe, and every redirect hop, opens a fresh connection,
 * so the timings are those a first-time visitor sees. Thread-safe; probes share nothing.
 */
public final class HttpProbe {

    private final DnsLookup dns;
    private final AddressGuard guard;
    private final Supplier<TlsEngine> engine;

    public HttpProbe() {
        this(Resolver.SYSTEM, AddressGuard.NONE, TlsEngines::current);
    }

    /** A probe that connects only to addresses the guard allows, on every hop. */
    public HttpProbe(AddressGuard guard) {
        this(Resolver.SYSTEM, guard, TlsEngines::current);
    }

    /** A probe with its own name resolution, e.g. one that hangs. */
    static HttpProbe resolvingWith(Resolver resolver) {
        return new HttpProbe(resolver, AddressGuard.NONE, TlsEngines::current);
    }

    /** A probe on this TLS engine rather than the JVM's choice. */
    static HttpProbe using(TlsEngine engine) {
        return new HttpProbe(Resolver.SYSTEM, AddressGuard.NONE, () -> engine);
    }

    private HttpProbe(Resolver resolver, AddressGuard guard, Supplier<TlsEngine> engine) {
        this.dns = new DnsLookup(resolver);
        this.guard = guard;
        this.engine = engine;
    }

    /**
     * Runs the probe. Network problems never throw; they come back as {@link ProbeResult#failure()}.
     */
    public ProbeResult probe(ProbeRequest request) {
        Objects.requireNonNull(request, "request");
        PhaseTimer timer = new PhaseTimer();
        Deadline deadline = new Deadline(request.timeout());
        Hop hop = new Hop(request.url(), request.method(), request.headers(), request.body());
        for (int redirects = 0; ; redirects++) {
            Target target = Target.of(hop.url);
            // the JVM's first probe, or its first https hop, waits for the warm-up outside its clock
            deadline.extend(timer.excluding(() -> ProbeWarmUp.before(target)));
            try {
                hop.response = exchange(hop, target, request, deadline, timer);
            } catch (IOException e) {
                // between phases only the set-up before sending can fail
                Phase phase = timer.current() == null ? Phase.REQUEST : timer.current();
                timer.stop();
                return result(hop, redirects, timer, FailureClassifier.classify(e, phase, deadline, target.host()));
            }
            RawResponse response = hop.response;
            String location = response.header("Location");
            if (!request.followRedirects() || !response.isRedirect() || location == null) {
                return result(hop, redirects, timer, null);
            }
            if (redirects == request.maxRedirects()) {
                return result(hop, redirects, timer, new Failure(FailureClass.PROTOCOL_ERROR, Phase.REQUEST.label(),
                        "too many redirects (more than " + request.maxRedirects() + ")"));
            }
            try {
                hop = hop.next(location);
            } catch (IllegalArgumentException e) {
                return result(hop, redirects, timer, new Failure(FailureClass.PROTOCOL_ERROR, Phase.REQUEST.label(),
                        "cannot follow redirect to " + location + ": " + e.getMessage()));
            }
        }
    }

    private RawResponse exchange(Hop hop, Target target, ProbeRequest request, Deadline deadline, PhaseTimer timer)
            throws IOException {
        timer.start(Phase.DNS);
        InetAddress address = dns.lookup(target, deadline);
        hop.ip = address.getHostAddress();
        String refusal = guard.refusal(address);
        if (refusal != null) {
            throw new ProbeException(FailureClass.CONNECTION_REFUSED, refusal);
        }
        timer.start(Phase.CONNECT);
        long connectLimit = request.connectTimeout().toMillis();
        // closing the plain socket (not the TLS one) drops the connection without a close_notify
        // exchange that an unresponsive server could stall
        SSLSocket tls = null;
        try (Socket raw = new Socket(Proxy.NO_PROXY); Watchdog watchdog = Watchdog.guard(raw, deadline, connectLimit)) {
            connect(raw, new InetSocketAddress(address, target.port()), connectLimit, watchdog, deadline);
            watchdog.connected();
            Socket socket = raw;
            if (target.https()) {
                timer.start(Phase.TLS);
                tls = TlsHandshake.run(raw, target, engine.get(), request.verifyTls());
                hop.certNotAfter = TlsHandshake.leafNotAfter(tls);
                socket = tls;
            }
            // set up outside any phase, so that ttfb holds nothing but the server's time
            timer.stop();
            ResponseReader reader = new ResponseReader(socket.getInputStream(), request.maxBodyBytes());
            byte[] requestBytes = RequestWriter.format(hop.method, target, hop.headers, hop.body);
            timer.start(Phase.REQUEST);
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes);
            out.flush();
            timer.start(Phase.TTFB);
            reader.awaitFirstByte();
            timer.start(Phase.DOWNLOAD);
            RawResponse response = reader.read(hop.method.equals("HEAD"));
            timer.stop();
            return response;
        } finally {
            if (tls != null) {
                TlsHandshake.forgetTickets(tls);
            }
        }
    }

    /** A blocking connect; the watchdog closes the socket when the connect budget or the deadline runs out. */
    static void connect(Socket socket, InetSocketAddress address, long connectLimit, Watchdog watchdog,
                        Deadline deadline) throws IOException {
        String to = Target.hostPort(address.getAddress().getHostAddress(), address.getPort());
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address);
        } catch (ConnectException e) {
            String reason = e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase(Locale.ROOT);
            throw new ProbeException(FailureClass.CONNECTION_REFUSED, reason.replaceFirst(" \\(.*\\)$", "") + " to " + to);
        } catch (SocketException e) {
            if (watchdog.connectTimedOut() || deadline.expired()) {
                long waited = watchdog.connectTimedOut() ? connectLimit : deadline.timeoutMillis();
                throw new ProbeException(FailureClass.TIMEOUT, "timed out after " + waited + " ms connecting to " + to);
            }
            throw new ProbeException(FailureClass.CONNECTION_REFUSED,
                    "cannot connect to " + to + ": " + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
        }
    }

    private static ProbeResult result(Hop hop, int redirects, PhaseTimer timer, Failure failure) {
        RawResponse r = hop.response;
        return new ProbeResult(hop.url, hop.ip,
                r == null ? 0 : r.status(), r == null ? null : r.httpVersion(),
                timer.millis(Phase.DNS), timer.millis(Phase.CONNECT), timer.millis(Phase.TLS),
                timer.millis(Phase.TTFB), timer.millis(Phase.DOWNLOAD), timer.totalMillis(),
                r == null ? 0 : r.body().length, r != null && r.truncated(),
                r == null ? null : r.bodyText(), r == null ? Map.of() : r.headers(),
                redirects, hop.certNotAfter, failure);
    }

    /** One request of the redirect chain and what came back for it. */
    private static final class Hop {
        final URI url;
        final String method;
        final Map<String, String> headers;
        final String body;
        String ip;
        Instant certNotAfter;
        RawResponse response;

        Hop(URI url, String method, Map<String, String> headers, String body) {
            this.url = url;
            this.method = method;
            this.headers = headers;
            this.body = body;
        }

        /**
         * The request for a redirect's Location. 303 turns into GET, and so do 301/302 after a POST,
         * as browsers do; 307/308 repeat the request as is.
         */
        Hop next(String location) {
            URI target = url.resolve(location.trim());
            ProbeRequest.requireProbeable(target);
            int status = response.status();
            boolean toGet = (status == 303 && !method.equals("HEAD"))
                    || ((status == 301 || status == 302) && method.equals("POST"));
            Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
            if (toGet) {
                nextHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
            }
            if (!Target.of(target).host().equals(Target.of(url).host())) {
                // credentials meant for one host must not leak to another
                nextHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization")
                        || name.equalsIgnoreCase("Cookie"));
            }
            return new Hop(target, toGet ? "GET" : method, nextHeaders, toGet ? null : body);
        }
    }
}
