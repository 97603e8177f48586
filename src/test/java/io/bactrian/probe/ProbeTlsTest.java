package io.bactrian.probe;

import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import static io.bactrian.testing.TestServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS against a certificate made for this run, which no trust store knows, and against a
 * test CA's certificates: on each TLS engine, the JDK's and the native one.
 */
class ProbeTlsTest {

    @TempDir
    static Path directory;

    static SelfSignedCertificate certificate;
    static SelfSignedCertificate ca;
    static SelfSignedCertificate good;
    static SelfSignedCertificate expired;
    static SelfSignedCertificate otherHost;
    static KeyStore trusted;

    @BeforeAll
    static void createCertificates() throws Exception {
        certificate = SelfSignedCertificate.create(directory);
        ca = SelfSignedCertificate.authority(directory);
        good = ca.issue(directory, "good", "dns:target.test,ip:127.0.0.1", 0, 90);
        expired = ca.issue(directory, "expired", "dns:target.test", -40, 30);
        otherHost = ca.issue(directory, "other", "dns:other.test", 0, 90);
        trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.keystore)) {
            trusted.load(in, "changeit".toCharArray());
        }
    }

    private static HttpProbe probe(String engine) {
        return HttpProbe.using(TlsEngines.named(engine));
    }

    /** A probe on the engine that trusts the test CA, as the JVM's trust store would. */
    private static HttpProbe trustingTheCa(String engine) throws Exception {
        return HttpProbe.using(TlsEngines.named(engine).trusting(trusted));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void untrustedCertificateFailsByDefault(String engine) throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) -> respond(out, 200, "secret"))) {
            ProbeResult result = probe(engine).probe(ProbeRequest.of(server.url("/")));

            assertEquals(FailureClass.TLS_ERROR, result.failure().kind(), result.failure()::toString);
            assertEquals("tls", result.failure().phase());
            assertEquals("TLS handshake failed: certificate not trusted (PKIX path building failed)",
                    result.failure().message());
            assertEquals(0, result.status());
            assertNull(result.body());
            assertTrue(server.requests().isEmpty(), "no request may be sent over an untrusted connection");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void verificationOptOutConnectsAndRecordsExpiry(String engine) throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) -> respond(out, 200, "secret"))) {
            ProbeResult result = probe(engine).probe(ProbeRequest.builder(server.url("/")).verifyTls(false).build());

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals(200, result.status());
            assertEquals("secret", result.body());
            assertTrue(result.tlsMs() > 0);
            assertEquals(certificate.notAfter, result.certNotAfter());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void verificationOptOutWorksByHostName(String engine) throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) ->
                respond(out, 200, request.headers().get("host")))) {
            ProbeResult result = probe(engine).probe(ProbeRequest.builder("https://target.test:" + server.port() + "/")
                    .verifyTls(false).build());

            assertEquals(200, result.status(), () -> String.valueOf(result.failure()));
            assertEquals("target.test:" + server.port(), result.body());
            assertEquals(certificate.notAfter, result.certNotAfter());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void aChainFromATrustedAuthorityVerifiesByNameAndByAddress(String engine) throws Exception {
        try (TestServer server = TestServer.https(good.serverContext, (request, out) -> respond(out, 200, "ok"))) {
            for (String url : List.of("https://target.test:" + server.port() + "/", server.url("/"))) {
                ProbeResult result = trustingTheCa(engine).probe(ProbeRequest.of(url));

                assertEquals(200, result.status(), () -> url + ": " + result.failure());
                assertEquals(good.notAfter, result.certNotAfter());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void anExpiredCertificateFails(String engine) throws Exception {
        try (TestServer server = TestServer.https(expired.serverContext, (request, out) -> respond(out, 200, "ok"))) {
            ProbeResult result = trustingTheCa(engine).probe(ProbeRequest.of("https://target.test:" + server.port() + "/"));

            assertEquals(FailureClass.TLS_ERROR, result.failure().kind(), result.failure()::toString);
            assertEquals("TLS handshake failed: certificate expired", result.failure().message());
            assertTrue(server.requests().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void aCertificateForAnotherHostFails(String engine) throws Exception {
        try (TestServer server = TestServer.https(otherHost.serverContext, (request, out) -> respond(out, 200, "ok"))) {
            ProbeResult result = trustingTheCa(engine).probe(ProbeRequest.of("https://target.test:" + server.port() + "/"));

            assertEquals(FailureClass.TLS_ERROR, result.failure().kind(), result.failure()::toString);
            assertEquals("TLS handshake failed: certificate does not match host target.test", result.failure().message());
            assertTrue(server.requests().isEmpty());

            ProbeResult unchecked = trustingTheCa(engine).probe(ProbeRequest.builder("https://target.test:" + server.port()
                    + "/").verifyTls(false).build());
            assertEquals(200, unchecked.status(), "verifyTls false skips the host name check too");
        }
    }

    /** What the server saw of each handshake: protocol, cipher suite and the SNI name. */
    private record Seen(String protocol, String cipher, List<String> serverNames) {
    }

    /** A server that speaks only this protocol version and records what each handshake agreed. */
    private static TestServer speaking(SSLContext context, String protocol, List<Seen> seen) throws Exception {
        return TestServer.raw(plain -> {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.setEnabledProtocols(new String[] {protocol});
            tls.startHandshake();
            ExtendedSSLSession session = (ExtendedSSLSession) tls.getSession();
            seen.add(new Seen(session.getProtocol(), session.getCipherSuite(), session.getRequestedServerNames().stream()
                    .map(name -> ((SNIHostName) name).getAsciiName()).toList()));
            TestServer.readRequest(tls.getInputStream());
            respond(tls.getOutputStream(), 200, "ok");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "native"})
    void tls12And13WithSniForNamesOnly(String engine) throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            List<Seen> seen = new CopyOnWriteArrayList<>();
            try (TestServer server = speaking(good.serverContext, protocol, seen)) {
                ProbeResult byName = trustingTheCa(engine).probe(ProbeRequest.of("https://target.test:" + server.port() + "/"));
                ProbeResult byAddress = trustingTheCa(engine).probe(ProbeRequest.of("https://127.0.0.1:" + server.port() + "/"));

                assertEquals(200, byName.status(), () -> protocol + ": " + byName.failure());
                assertEquals(200, byAddress.status(), () -> protocol + ": " + byAddress.failure());
                assertEquals(protocol, seen.get(0).protocol());
                assertTrue(seen.get(0).cipher().startsWith("TLS_"), seen.get(0).cipher());
                assertEquals(List.of("target.test"), seen.get(0).serverNames(), "SNI names the host");
                assertEquals(List.of(), seen.get(1).serverNames(), "no SNI for an address");
            }
        }
    }
}
