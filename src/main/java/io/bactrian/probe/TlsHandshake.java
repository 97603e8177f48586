package io.bactrian.probe;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Runs TLS over an already connected socket, so that connect and handshake are timed apart.
 */
public final class TlsHandshake {

    private TlsHandshake() {
    }

    /** {@code verify} checks the chain and the host name; else any certificate is accepted. */
    public static SSLSocket run(Socket connected, Target target, TlsEngine engine, boolean verify) throws IOException {
        SSLSocketFactory factory = engine.socketFactory(verify);
        SSLSocket socket = (SSLSocket) factory.createSocket(connected, target.host(), target.port(), true);
        // only what differs from the socket's own: a fresh object leaves suites, protocols and ALPN
        // as they are, where getSSLParameters() would copy them out and back in on every probe
        SSLParameters parameters = new SSLParameters();
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!target.hostIsAddress()) {
            // SNI lets a shared front end pick the right certificate
            String name = target.host().endsWith(".")
                    ? target.host().substring(0, target.host().length() - 1) : target.host();
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        if (verify || !target.hostIsAddress()) {
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    /**
     * The JDK caches the TLS 1.3 tickets a server sends after the handshake, read with the
     * response, as children of the connection's session: invalidating it at the probe's end drops
     * them, so that the next probe does not resume (see {@link TlsEngine}). Conscrypt caches none.
     */
    static void forgetTickets(SSLSocket socket) {
        socket.getSession().invalidate();
    }

    /** Expiry of the server's own certificate, the one that lapses first in practice. */
    static Instant leafNotAfter(SSLSocket socket) {
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? leaf.getNotAfter().toInstant() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
