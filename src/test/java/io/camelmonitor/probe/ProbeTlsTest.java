package io.camelmonitor.probe;

import io.camelmonitor.testing.SelfSignedCertificate;
import io.camelmonitor.testing.TestServer;
import static io.camelmonitor.testing.TestServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a certificate made for this run, which no trust store knows. */
class ProbeTlsTest {

    @TempDir
    static Path directory;

    static SelfSignedCertificate certificate;

    private final HttpProbe probe = new HttpProbe();

    @BeforeAll
    static void createCertificate() throws Exception {
        certificate = SelfSignedCertificate.create(directory);
    }

    @Test
    void untrustedCertificateFailsByDefault() throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) -> respond(out, 200, "secret"))) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/")));

            assertEquals(FailureClass.TLS_ERROR, result.failure().kind(), result.failure()::toString);
            assertEquals("tls", result.failure().phase());
            assertEquals("TLS handshake failed: certificate not trusted (PKIX path building failed)",
                    result.failure().message());
            assertEquals(0, result.status());
            assertNull(result.body());
            assertTrue(server.requests().isEmpty(), "no request may be sent over an untrusted connection");
        }
    }

    @Test
    void verificationOptOutConnectsAndRecordsExpiry() throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) -> respond(out, 200, "secret"))) {
            ProbeResult result = probe.probe(ProbeRequest.builder(server.url("/")).verifyTls(false).build());

            assertTrue(result.completed(), () -> String.valueOf(result.failure()));
            assertEquals(200, result.status());
            assertEquals("secret", result.body());
            assertTrue(result.tlsMs() > 0);
            assertEquals(certificate.notAfter, result.certNotAfter());
        }
    }

    @Test
    void verificationOptOutWorksByHostName() throws Exception {
        try (TestServer server = TestServer.https(certificate.serverContext, (request, out) ->
                respond(out, 200, request.headers().get("host")))) {
            ProbeResult result = probe.probe(ProbeRequest.builder("https://target.test:" + server.port() + "/")
                    .verifyTls(false).build());

            assertEquals(200, result.status(), () -> String.valueOf(result.failure()));
            assertEquals("target.test:" + server.port(), result.body());
            assertEquals(certificate.notAfter, result.certNotAfter());
        }
    }
}
