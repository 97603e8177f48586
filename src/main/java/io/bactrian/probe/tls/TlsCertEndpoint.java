package io.bactrian.probe.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.bactrian.core.CheckResult;
import io.bactrian.core.MissingSetting;
import io.bactrian.endpoint.CheckEndpoint;
import io.bactrian.monitor.Monitor;
import io.bactrian.probe.Phase;
import io.bactrian.probe.ProbeWarmUp;
import io.bactrian.probe.SocketCheck;
import io.bactrian.probe.Target;
import io.bactrian.probe.TlsEngines;
import io.bactrian.probe.TlsHandshake;
import io.bactrian.probe.Watchdog;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * A certificate check. The handshake accepts any certificate so that every fault is seen and
 * named, then the chain is judged: expired, not trusted (JVM trust store or {@code trustStore}),
 * not for the host. The body out is a {@link CheckResult} whose detail is the {@link CertResult}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "tls-cert", title = "TLS Certificate", syntax = "tls-cert:label",
        category = {Category.MONITORING, Category.SECURITY}, producerOnly = true)
public class TlsCertEndpoint extends CheckEndpoint {
    private static final long DAY_SECONDS = 86_400;

    @UriParam(description = "The host whose certificate is checked")
    @Metadata(required = true)
    private String host;
    @UriParam(description = "The TLS port", defaultValue = "443")
    private int port = 443;
    @UriParam(description = "The name the certificate must be for, sent as SNI; default the host")
    private String serverName = "";
    @UriParam(description = "PKCS12 or JKS file of the CAs to trust instead of the JVM's; empty: the JVM's")
    private String trustStore = "";
    @UriParam(description = "Password of the trust store", secret = true)
    private String trustStorePassword = "";
    @UriParam(description = "Days before expiry to warn at, once each; empty: no warnings", defaultValue = "30,14,7")
    private String warnDays = "30,14,7";
    private Duration limit;
    private List<Integer> days;
    private X509TrustManager trust;

    TlsCertEndpoint(String uri, TlsCertComponent component, String label) {
        super(uri, component, label, "10s");
    }

    Duration settings() {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + ": not a TCP port (1-65535)");
        }
        return timeout();
    }

    X509TrustManager trustManager() {
        try {
            KeyStore store = null;
            if (!trustStore.isBlank()) {
                Path file = Path.of(trustStore.trim());
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("trustStore '" + trustStore + "': no such file");
                }
                store = KeyStore.getInstance(file.toFile(), trustStorePassword.toCharArray());
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this JVM");
        } catch (IOException | GeneralSecurityException e) {
            // the password is not in the message: the key store says only that it is wrong
            throw new IllegalArgumentException("trustStore '" + trustStore + "': cannot be read: " + e.getMessage());
        }
    }

    /** Checked last, so that a route that is off still has its other settings checked. */
    String host() {
        if (host == null || host.isBlank()) {
            throw new MissingSetting("host");
        }
        return host.trim();
    }

    List<Integer> warnDays() {
        List<Integer> days = new ArrayList<>();
        for (String day : warnDays.split(",")) {
            if (day.isBlank()) {
                continue;
            }
            try {
                days.add(Integer.parseInt(day.strip()));
            } catch (NumberFormatException e) {
                days.add(-1);
            }
            if (days.get(days.size() - 1) < 0) {
                throw new IllegalArgumentException("warnDays '" + warnDays + "': not a list of days such as 30,14,7");
            }
        }
        return days;
    }

    @Override
    protected void checkSettings() {
        // an unreadable trust store fails too; the JVM's own trust store needs no check, and
        // loading it would slow every start-up
        warnDays();
        settings();
        if (!getTrustStore().isBlank()) {
            trustManager();
        }
        host();
        ProbeWarmUp.startInBackground(true); // while the other routes are built
    }

    @Override
    protected void prepare() {
        limit = settings();
        days = warnDays();
        host();
        trust = trustManager();
    }

    @Override
    protected void check(Exchange exchange) {
        String monitor = Monitor.idOf(exchange);
        CertWarnings warnings = ((TlsCertComponent) getComponent()).warnings();
        exchange.getMessage().setBody(judge(monitor, fetch(monitor, limit, trust, days, warnings)));
    }

    private Target named() {
        String name = serverName.isBlank() ? host.trim() : serverName.trim();
        return new Target(null, true, name.toLowerCase(Locale.ROOT), port);
    }

    private CertResult fetch(String monitor, Duration limit, X509TrustManager trust, List<Integer> days,
                             CertWarnings warnings) {
        Target name = named();
        ProbeWarmUp.before(name); // the TLS part, before the check's clock starts
        SocketCheck check = new SocketCheck(host.trim(), port, limit);
        X509Certificate[] chain;
        try (var socket = check.connect(limit); Watchdog ignored = check.watchdog()) {
            check.timer.start(Phase.TLS);
            SSLSocket tls = TlsHandshake.run(socket, name, TlsEngines.current(), false);
            Certificate[] peer = tls.getSession().getPeerCertificates();
            check.timer.stop();
            chain = Arrays.copyOf(peer, peer.length, X509Certificate[].class);
        } catch (IOException e) {
            return new CertResult(name.host(), port, check.ip, List.of(), null, 0, List.of(), check.failure(e), null,
                    check.timer.totalMillis());
        }
        Instant now = Instant.now();
        List<CertResult.Cert> certs = new ArrayList<>();
        X509Certificate earliest = chain[0];
        for (X509Certificate c : chain) {
            certs.add(new CertResult.Cert(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    c.getNotAfter().toInstant(), HostnameMatch.names(c)));
            if (c.getNotAfter().before(earliest.getNotAfter())) {
                earliest = c;
            }
        }
        Instant expires = earliest.getNotAfter().toInstant();
        long daysLeft = Math.floorDiv(expires.getEpochSecond() - now.getEpochSecond(), DAY_SECONDS);
        List<String> problems = problems(chain, earliest, now, trust, name);
        String notice = null;
        if (problems.isEmpty()) {
            Integer day = warnings.due(monitor, fingerprint(chain[0]), daysLeft, days);
            if (day != null) {
                notice = "certificate of " + name.host() + " expires in " + daysLeft + " days, on " + date(expires)
                        + " (warning at " + day + " days)";
            }
        }
        return new CertResult(name.host(), port, check.ip, certs, expires, daysLeft, problems, null, notice,
                check.timer.totalMillis());
    }

    /** Expired first: an expired chain is also untrusted, and that would say less. */
    private static List<String> problems(X509Certificate[] chain, X509Certificate earliest, Instant now,
                                         X509TrustManager trust, Target name) {
        List<String> problems = new ArrayList<>();
        if (earliest.getNotAfter().toInstant().isBefore(now)) {
            problems.add("expired: " + who(chain, earliest) + " expired on " + date(earliest.getNotAfter().toInstant()));
        }
        for (X509Certificate c : chain) {
            if (c.getNotBefore().toInstant().isAfter(now)) {
                problems.add("not yet valid: " + who(chain, c) + " is valid from " + date(c.getNotBefore().toInstant()));
            }
        }
        try {
            // TLS 1.3 has no key-exchange type; UNKNOWN skips only the key usage check tied to it
            trust.checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException e) {
            if (!dueToValidity(e)) {
                problems.add("not trusted: " + (String.valueOf(e.getMessage()).contains("PKIX path building failed")
                        ? "no chain to a trusted root from issuer " + chain[chain.length - 1].getIssuerX500Principal().getName()
                        : e.getMessage()));
            }
        }
        if (!HostnameMatch.matches(chain[0], name)) {
            List<String> names = HostnameMatch.names(chain[0]);
            problems.add("wrong host: the certificate is for " + (names.isEmpty() ? "no host name" : String.join(", ", names))
                    + ", not " + name.host());
        }
        return problems;
    }

    private static boolean dueToValidity(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return true;
            }
        }
        return false;
    }

    private static String who(X509Certificate[] chain, X509Certificate c) {
        return c == chain[0] ? "the certificate" : "the chain's " + c.getSubjectX500Principal().getName();
    }

    private static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private CheckResult judge(String monitor, CertResult r) {
        String target = SocketCheck.hostPort(r.serverName(), r.port());
        if (r.failure() != null) {
            return new CheckResult(monitor, target, Instant.now(), false, r.failure().kind().label(),
                    r.failure().message(), r.failure().toString(), r);
        }
        if (!r.problems().isEmpty()) {
            String first = r.problems().get(0);
            String reason = String.join("; ", r.problems());
            return new CheckResult(monitor, target, Instant.now(), false, "certificate " + first.substring(0,
                    first.indexOf(':')), reason, reason, r);
        }
        return new CheckResult(monitor, target, Instant.now(), true, null, null,
                "certificate valid for " + r.daysLeft() + " days, until " + date(r.expires()) + ", issued by "
                        + r.chain().get(0).issuer(), r);
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

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getWarnDays() {
        return warnDays;
    }

    public void setWarnDays(String warnDays) {
        this.warnDays = warnDays;
    }
}
