package io.bactrian.probe;

import io.bactrian.testing.Await;
import io.bactrian.testing.SelfSignedCertificate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every probe handshakes in full, as a first-time visitor does, against an nginx that would
 * resume (session cache and tickets on): nginx's log says for each request whether it resumed.
 */
class FullHandshakeTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final int PROBES = 4;

    @TempDir
    static Path directory;
    static int tls12;
    static int tls13;
    /** TLS 1.2 resuming by session id only, no tickets. */
    static int sessionIds;
    static KeyStore trusted;

    @BeforeAll
    static void startNginx() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NGINX), "needs the Debian package nginx (apt-get install nginx)");
        SelfSignedCertificate ca = SelfSignedCertificate.authority(directory);
        SelfSignedCertificate server = ca.issue(directory, "server", "ip:127.0.0.1", 0, 30);
        trusted = load(ca.keystore);
        writePem(load(server.keystore));
        tls12 = freePort();
        tls13 = freePort();
        sessionIds = freePort();
        Files.writeString(directory.resolve("nginx.conf"), (isRoot() ? "user root;\n" : "") + """
                daemon on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    log_format tls "$server_port $ssl_protocol reused=$ssl_session_reused";
                    access_log %1$s/access.log tls;
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    ssl_certificate %1$s/server.pem;
                    ssl_certificate_key %1$s/server.key;
                    ssl_session_cache shared:SSL:1m;
                    ssl_session_tickets on;
                    keepalive_timeout 0;
                    server { listen 127.0.0.1:%2$d ssl; ssl_protocols TLSv1.2; location / { return 200 "ok"; } }
                    server { listen 127.0.0.1:%3$d ssl; ssl_protocols TLSv1.3; location / { return 200 "ok"; } }
                    server {
                        listen 127.0.0.1:%4$d ssl; ssl_protocols TLSv1.2; ssl_session_tickets off;
                        location / { return 200 "ok"; }
                    }
                }
                """.formatted(directory, tls12, tls13, sessionIds));
        nginx();
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (Files.exists(directory.resolve("nginx.pid"))) {
            nginx("-s", "stop");
        }
    }

    @ParameterizedTest
    @CsvSource({"jdk, TLSv1.2, tickets", "jdk, TLSv1.3, tickets", "jdk, TLSv1.2, ids",
            "native, TLSv1.2, tickets", "native, TLSv1.3, tickets", "native, TLSv1.2, ids"})
    void noProbeResumesASession(String engine, String protocol, String resumption) throws Exception {
        int port = resumption.equals("ids") ? sessionIds : protocol.equals("TLSv1.2") ? tls12 : tls13;
        String url = "https://127.0.0.1:" + port + "/";
        // verifying (an https monitor) and not (the certificate monitor, an opted-out monitor): two contexts
        HttpProbe verifying = HttpProbe.using(TlsEngines.named(engine).trusting(trusted));
        HttpProbe unverified = HttpProbe.using(TlsEngines.named(engine));
        int before = logged(port).size();
        for (int i = 0; i < PROBES; i++) {
            ProbeResult result = (i % 2 == 0 ? verifying.probe(ProbeRequest.of(url))
                    : unverified.probe(ProbeRequest.builder(url).verifyTls(false).build()));
            assertEquals(200, result.status(), () -> String.valueOf(result.failure()));
        }
        Await.until("nginx's log of the probes", 30_000, () -> logged(port).size() >= before + PROBES);

        List<String> lines = logged(port).subList(before, before + PROBES);
        assertEquals(Collections.nCopies(PROBES, port + " " + protocol + " reused=."), lines,
                "every probe a full handshake (reused=r: a resumed one)");
    }

    private static List<String> logged(int port) {
        try {
            Path log = directory.resolve("access.log");
            List<String> lines = new ArrayList<>();
            if (Files.exists(log)) {
                Files.readAllLines(log).stream().filter(line -> line.startsWith(port + " ")).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void nginx(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NGINX.toString(), "-p", directory.toString(),
                "-c", directory.resolve("nginx.conf").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> "nginx: " + output);
    }

    private static KeyStore load(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    /** nginx reads PEM: the server's key (PKCS #8) and certificate. */
    private static void writePem(KeyStore store) throws Exception {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes());
        byte[] key = store.getKey("server", "changeit".toCharArray()).getEncoded();
        byte[] certificate = store.getCertificate("server").getEncoded();
        Files.writeString(directory.resolve("server.key"),
                "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(directory.resolve("server.pem"),
                "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(certificate) + "\n-----END CERTIFICATE-----\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
