package io.bactrian.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Loads and initialises, once per JVM and before any phase clock starts, what the phases of a
 * probe run. In a fresh JVM (a {@code once} run, a CronJob, the {@code probe} command) the first
 * probe would otherwise report class loading, first-time initialisation and interpreted code as
 * DNS, connect and TLS time: tens of milliseconds for connect, hundreds for TLS.
 *
 * <p>The warm-up runs the very code real probes run, against a throwaway server of its own on
 * loopback: a name lookup, connects, requests, a redirect, chunked and fixed-length responses;
 * and, for https targets, on the TLS engine that runs (which it chooses first, see
 * {@link TlsEngines}), TLS handshakes that trust any certificate, that verify a chain and host
 * name, and that fail against the JVM's trust store. The application starts it in the
 * background as it starts; a probe that comes first waits for it, outside its clock and
 * deadline, or runs it itself if nothing started it. None of it is timed or reported; a
 * warm-up that fails only costs the accuracy it was for.
 */
public final class ProbeWarmUp {

    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** Enough for the quick JIT compiler to compile the handshake's code, measured against curl. */
    private static final int VERIFIED_HANDSHAKES = 6;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Set while a warm-up runs in this thread, so that its own probes do not wait for it. */
    private static final ThreadLocal<Boolean> WARMING = ThreadLocal.withInitial(() -> false);
    private static final FutureTask<Void> PLAIN = new FutureTask<>(() -> warm(ProbeWarmUp::plain), null);
    private static final FutureTask<Void> TLS = new FutureTask<>(() -> warm(ProbeWarmUp::tls), null);

    private ProbeWarmUp() {
    }

    private static boolean plainStarted;
    private static boolean tlsStarted;

    /**
     * Starts the warm-up in a background thread, with its TLS part if an https target is
     * expected, so that it overlaps the application's own start-up instead of delaying the
     * first probe. Once per JVM and part.
     */
    public static synchronized void startInBackground(boolean https) {
        boolean plain = !plainStarted;
        boolean tls = https && !tlsStarted;
        if (!plain && !tls) {
            return;
        }
        plainStarted = true;
        tlsStarted |= tls;
        Thread thread = new Thread(() -> {
            PLAIN.run(); // nothing if it ran or runs elsewhere
            if (tls) {
                TLS.run();
            }
        }, "probe-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** As {@link #startInBackground(boolean)} for a probe of this request. */
    public static void startInBackground(ProbeRequest request) {
        startInBackground(Target.of(request.url()).https());
    }

    /**
     * Warms up for this target unless done: here, or by waiting for the background warm-up.
     * Callers run it before their clock starts.
     */
    public static void before(Target target) {
        if (WARMING.get()) {
            return;
        }
        finish(PLAIN);
        if (target.https()) {
            finish(TLS);
        }
    }

    /** Runs the task here unless it has run or runs elsewhere, and waits for it. */
    private static void finish(FutureTask<Void> task) {
        if (task.isDone()) {
            return;
        }
        task.run();
        try {
            task.get();
        } catch (ExecutionException e) {
            // warm() lets nothing out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Not logged: logging is not set up in every JVM a probe runs in, and setting it up is slow. */
    private static void warm(Step step) {
        WARMING.set(true);
        try {
            step.run();
        } catch (Exception e) {
            // the probes that follow are right, only their first timings may hold start-up time
        } finally {
            WARMING.set(false);
        }
    }

    private static void plain() throws Exception {
        try {
            new DnsLookup(Resolver.SYSTEM).lookup(Target.of(URI.create("http://localhost/")), new Deadline(LIMIT));
        } catch (IOException e) {
            // a machine without a name for localhost has still loaded the name service
        }
        try (LoopbackServer server = new LoopbackServer(new ServerSocket(0, 5, LOOPBACK))) {
            HttpProbe probe = new HttpProbe();
            probe.probe(request(server.url("http", "/redirect")).build()); // then /chunked
            probe.probe(request(server.url("http", "/fixed")).method("HEAD").build());
            probe.probe(request(server.url("http", "/fixed")).build());
        }
    }

    private static void tls() throws Exception {
        TlsEngine engine = TlsEngines.current(); // loads the native library, reads the JVM's trust store
        WarmUpCertificates certificates = WarmUpCertificates.create(engine);
        for (int i = 0; i < VERIFIED_HANDSHAKES; i++) {
            rsaSignatures();
        }
        try (LoopbackServer server = new LoopbackServer(
                certificates.server.getServerSocketFactory().createServerSocket(0, 5, LOOPBACK))) {
            HttpProbe probe = new HttpProbe();
            probe.probe(request(server.url("https", "/chunked")).verifyTls(false).build());
            // the chain fails PKIX against the trust store: what loads its validator
            probe.probe(request(server.url("https", "/fixed")).build());
            // a chain that verifies, with SNI and the host name check, a few times: the first
            // handshakes run interpreted code, and a target's handshake would pay for that
            for (int i = 0; i < VERIFIED_HANDSHAKES; i++) {
                try (Socket raw = new Socket(Proxy.NO_PROXY)) {
                    raw.connect(new InetSocketAddress(LOOPBACK, server.port()), (int) LIMIT.toMillis());
                    raw.setSoTimeout((int) LIMIT.toMillis());
                    SSLSocket tls = TlsHandshake.run(raw, new Target(null, true, "localhost", server.port()),
                            certificates.client, true);
                    tls.getSession().invalidate(); // a full handshake each time, as with a new target
                    tls.close();
                }
            }
        }
    }

    /**
     * The handshakes here use EC keys, as an RSA key would take long to make; most servers
     * still sign with RSA, so its verification is run on an RSA authority of the trust store:
     * its own signature (PKCS #1, as on certificates) and a PSS signature (TLS 1.3 handshakes).
     */
    private static void rsaSignatures() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager trust) {
                for (X509Certificate authority : trust.getAcceptedIssuers()) {
                    if (authority.getPublicKey() instanceof RSAPublicKey key
                            && authority.getSubjectX500Principal().equals(authority.getIssuerX500Principal())) {
                        authority.verify(key);
                        Signature pss = Signature.getInstance("RSASSA-PSS");
                        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                        pss.initVerify(key);
                        pss.update(authority.getTBSCertificate());
                        pss.verify(new byte[(key.getModulus().bitLength() + 7) / 8]); // false, after the whole computation
                        return;
                    }
                }
            }
        }
    }

    private static ProbeRequest.Builder request(String url) {
        return ProbeRequest.builder(url).timeout(LIMIT);
    }

    /** Answers one connection at a time: /redirect with a redirect to /chunked, /chunked chunked, others with a length. */
    private static final class LoopbackServer implements AutoCloseable {
        private final ServerSocket socket;

        LoopbackServer(ServerSocket socket) {
            this.socket = socket;
            Thread thread = new Thread(this::serve, "probe-warm-up");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        String url(String scheme, String path) {
            return scheme + "://" + Target.hostPort(LOOPBACK.getHostAddress(), port()) + path;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout((int) LIMIT.toMillis());
                    answer(requestPath(client.getInputStream()), client.getOutputStream());
                } catch (IOException e) {
                    // a handshake meant to fail, or the end of the warm-up
                }
            }
        }

        private static String requestPath(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            int b;
            while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) { // up to the blank line
                head.write(b);
                last4 = last4 << 8 | b;
            }
            String[] requestLine = head.toString(StandardCharsets.ISO_8859_1).split(" ", 3);
            return requestLine.length > 1 ? requestLine[1] : "/";
        }

        private static void answer(String path, OutputStream out) throws IOException {
            String response = switch (path) {
                case "/redirect" -> "HTTP/1.1 302 Found\r\nLocation: /chunked\r\nContent-Length: 0\r\n\r\n";
                case "/chunked" -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\nok\r\n0\r\n\r\n";
                default -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
            };
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
