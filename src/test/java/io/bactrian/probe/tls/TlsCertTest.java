package io.bactrian.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.config.RootMessage;
import io.bactrian.core.CheckResult;
import io.bactrian.probe.TlsEngines;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code tls-cert:} step against servers with certificates a test CA made: a good chain,
 * one expired, one expiring in 10 days, one for another host, and the good one without the CA;
 * the handshakes on each TLS engine.
 */
class TlsCertTest {
    @TempDir
    static Path certs;
    static SelfSignedCertificate ca;
    static SelfSignedCertificate good;
    static SelfSignedCertificate expired;
    static SelfSignedCertificate expiring;
    static SelfSignedCertificate otherHost;

    @TempDir
    Path data;

    @BeforeAll
    static void makeCertificates() throws Exception {
        ca = SelfSignedCertificate.authority(certs);
        good = ca.issue(certs, "good", "dns:target.test,ip:127.0.0.1", 0, 90);
        expired = ca.issue(certs, "expired", "dns:target.test", -40, 30);
        expiring = ca.issue(certs, "expiring", "dns:target.test", 0, 10);
        otherHost = ca.issue(certs, "other", "dns:other.test,dns:*.other.test", 0, 90);
    }

    @AfterEach
    void engineOfTheJvm() {
        TlsEngines.choose("auto", line -> { });
    }

    /** Runs the step (and the alert rule after it) once per call, with state in {@link #data}. */
    private List<Object> check(SelfSignedCertificate cert, String parameters, int times) throws Exception {
        List<Object> out = new ArrayList<>();
        try (TestServer server = TestServer.https(cert.serverContext, (req, o) -> TestServer.respond(o, 200, "ok"));
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("bactrian.data-dir", data.toString());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("shop-cert")
                            .to("tls-cert:shop-cert?host=127.0.0.1&port=" + server.port() + "&" + parameters)
                            .process(e -> out.add(e.getMessage().getBody()))
                            .to("alert-rule:shop-cert?failureThreshold=1")
                            .process(e -> out.add(e.getMessage().getBody()));
                }
            });
            context.start();
            for (int i = 0; i < times; i++) {
                context.createProducerTemplate().sendBody("direct:check", null);
            }
        }
        return out;
    }

    private String trusting() {
        return "serverName=target.test&trustStore=" + ca.keystore + "&trustStorePassword=changeit";
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void goodChainIsUpWithDaysLeft(String engine) throws Exception {
        TlsEngines.choose(engine, line -> { });
        List<Object> out = check(good, trusting(), 1);
        CheckResult r = (CheckResult) out.get(0);
        assertTrue(r.up(), r.toString());
        CertResult cert = (CertResult) r.detail();
        assertEquals(89, cert.daysLeft());
        assertEquals(2, cert.chain().size(), "leaf and CA");
        assertEquals("CN=bactrian test CA", cert.chain().get(0).issuer());
        assertNull(out.get(1), "nothing to say at 89 days");
        assertTrue(r.summary().startsWith("certificate valid for 89 days"), r.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void ipAddressIsCheckedAgainstIpNames(String engine) throws Exception {
        TlsEngines.choose(engine, line -> { });
        CheckResult r = (CheckResult) check(good, "trustStore=" + ca.keystore + "&trustStorePassword=changeit", 1).get(0);
        assertTrue(r.up(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void unknownCaIsDown(String engine) throws Exception {
        TlsEngines.choose(engine, line -> { });
        CheckResult r = (CheckResult) check(good, "serverName=target.test", 1).get(0);
        assertFalse(r.up());
        assertEquals("certificate not trusted", r.failureClass());
        assertEquals("not trusted: no chain to a trusted root from issuer CN=bactrian test CA", r.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void expiredIsDown(String engine) throws Exception {
        TlsEngines.choose(engine, line -> { });
        List<Object> out = check(expired, trusting(), 1);
        CheckResult r = (CheckResult) out.get(0);
        assertFalse(r.up());
        assertEquals("certificate expired", r.failureClass());
        assertTrue(r.reason().startsWith("expired: the certificate expired on "), r.reason());
        assertFalse(r.reason().contains("not trusted"), "the expiry is the one reason: " + r.reason());
        assertEquals(AlertKind.DOWN, ((AlertEvent) out.get(1)).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void wrongHostIsDown(String engine) throws Exception {
        TlsEngines.choose(engine, line -> { });
        CheckResult r = (CheckResult) check(otherHost, trusting(), 1).get(0);
        assertFalse(r.up());
        assertEquals("certificate wrong host", r.failureClass());
        assertEquals("wrong host: the certificate is for other.test, *.other.test, not target.test", r.reason());

        CheckResult wildcard = (CheckResult) check(otherHost, trusting().replace("target.test", "www.other.test"), 1).get(0);
        assertTrue(wildcard.up(), "*.other.test covers www.other.test: " + wildcard);
    }

    @Test
    void expiringWarnsOnceAcrossRestartsThenAgainAtTheNextDay() throws Exception {
        List<Object> first = check(expiring, trusting() + "&warnDays=30,14,7", 3);
        AlertEvent notice = (AlertEvent) first.get(1);
        assertEquals(AlertKind.NOTICE, notice.kind());
        assertEquals("certificate of target.test expires in 9 days, on " + java.time.LocalDate.ofInstant(expiring.notAfter,
                java.time.ZoneOffset.UTC) + " (warning at 14 days)", notice.reason());
        assertNull(first.get(3), "second check: already warned");
        assertNull(first.get(5), "third check: already warned");

        List<Object> afterRestart = check(expiring, trusting() + "&warnDays=30,14,7", 1);
        assertTrue(((CheckResult) afterRestart.get(0)).up());
        assertNull(afterRestart.get(1), "the warning is remembered across a restart");

        List<Object> nearer = check(expiring, trusting() + "&warnDays=30,14,9", 1);
        assertEquals(AlertKind.NOTICE, ((AlertEvent) nearer.get(1)).kind(), "a day not yet warned at warns");
    }

    @Test
    void refusedPortIsDown() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("bactrian.data-dir", data.toString());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("gone").to("tls-cert:gone?host=127.0.0.1&port=" + port);
                }
            });
            context.start();
            CheckResult r = context.createProducerTemplate().requestBody("direct:check", null, CheckResult.class);
            assertFalse(r.up());
            assertEquals("connection refused", r.failureClass());
        }
    }

    @Test
    void badSettingsAreNamed() {
        Exception store = assertThrows(Exception.class, () -> check(good, "trustStore=/nonexistent/ca.p12", 1));
        assertEquals("trustStore '/nonexistent/ca.p12': no such file", RootMessage.of(store));
        Exception password = assertThrows(Exception.class,
                () -> check(good, "trustStore=" + ca.keystore + "&trustStorePassword=wrong", 1));
        assertTrue(RootMessage.of(password).startsWith("trustStore '" + ca.keystore + "': cannot be read"),
                RootMessage.of(password));
        Exception days = assertThrows(Exception.class, () -> check(good, "warnDays=30,two", 1));
        assertEquals("warnDays '30,two': not a list of days such as 30,14,7", RootMessage.of(days));
    }
}
