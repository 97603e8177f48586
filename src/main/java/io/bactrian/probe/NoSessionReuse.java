package io.bactrian.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager of the JDK's engine that, once the server's chain passed, invalidates the
 * TLS 1.2 session being negotiated: the JDK caches only valid ones at the end of the handshake, so
 * no later probe offers its id. Done inside the handshake, not after it, so that a probe of the
 * same server running at the same time finds nothing in the cache either.
 */
final class NoSessionReuse extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager trust;

    NoSessionReuse(X509ExtendedTrustManager trust) {
        this.trust = trust;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        trust.checkServerTrusted(chain, authType, socket);
        if (socket instanceof SSLSocket tls) {
            forget(tls.getHandshakeSession());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, engine);
        forget(engine.getHandshakeSession());
    }

    /** TLS 1.3 sessions are left to {@link TlsHandshake#forgetTickets}, which an invalidated one would defeat. */
    private static void forget(SSLSession session) {
        if (session != null && !session.getProtocol().equals("TLSv1.3")) {
            session.invalidate();
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        trust.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        trust.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }
}
