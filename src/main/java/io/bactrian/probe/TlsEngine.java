package io.bactrian.probe;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS implementation the probes and certificate checks handshake with: the JDK's own (JSSE),
 * or BoringSSL through Conscrypt, which takes a fraction of the JDK's CPU per full handshake.
 * The native one is a provider of this class's own, not the JVM's default, so that the rest of
 * the application's TLS (mail, webhooks) stays on the JDK's. Both verify with the JDK's PKIX
 * trust manager, against the JVM's trust store ({@code javax.net.ssl.trustStore}) unless told
 * otherwise, and the JDK's host name check: they accept and refuse the same certificates, for
 * the same reasons.
 *
 * <p>Every handshake is a full one, as a first-time visitor's: the probes' contexts never offer a
 * cached session or a ticket, so that the TLS phase does not shrink from the second probe on.
 * Their own contexts, so that the JVM's other TLS clients keep resuming.
 */
final class TlsEngine {
    static final String JDK = "jdk";
    static final String NATIVE = "native";

    private final String name;
    private final String description;
    /** Null for the JDK's own. */
    private final Provider provider;
    private final SSLSocketFactory verifying;
    private final SSLSocketFactory trustingAll;

    private TlsEngine(String name, String description, Provider provider, TrustManager[] trust)
            throws GeneralSecurityException {
        this.name = name;
        this.description = description;
        this.provider = provider;
        TrustManager[] managers = trust == null ? trustManagers(null) : trust;
        this.verifying = clientContext(provider == null ? managers : wrapped(managers, Tls13AuthType::new));
        this.trustingAll = clientContext(new TrustManager[] {TrustAll.INSTANCE});
    }

    /**
     * A probes' context that never resumes. Conscrypt takes a session timeout of 0 as "every
     * cached session has expired", so it offers none. The JDK takes 0 as "never expires"
     * instead: there {@link NoSessionReuse} keeps TLS 1.2 sessions (with their tickets) out of the
     * cache, and {@link HttpProbe} drops the TLS 1.3 tickets at the end of each probe. (The JDK
     * also drops tickets for a session timeout above 7 days, but then breaks a connection on the
     * server's close_notify.)
     */
    private SSLSocketFactory clientContext(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = context(null, provider == null ? wrapped(trust, NoSessionReuse::new) : trust);
        if (provider != null) {
            context.getClientSessionContext().setSessionTimeout(0);
        }
        return context.getSocketFactory();
    }

    static TlsEngine jdk() throws GeneralSecurityException {
        return new TlsEngine(JDK, "jdk (the JDK's JSSE)", null, null);
    }

    /** @throws LinkageError where the native library does not load (no build for this platform, no glibc) */
    static TlsEngine conscrypt() throws GeneralSecurityException {
        return new TlsEngine(NATIVE, "native (" + NativeTls.version() + ")", NativeTls.provider(), null);
    }

    /** The same engine, verifying against these authorities instead of the JVM's trust store. */
    TlsEngine trusting(KeyStore authorities) throws GeneralSecurityException {
        return new TlsEngine(name, description, provider, trustManagers(authorities));
    }

    /** {@link #JDK} or {@link #NATIVE}. */
    String name() {
        return name;
    }

    /** What runs, for the start-up log. */
    String description() {
        return description;
    }

    /** Sockets that verify the chain (the caller asks for the host name check), or trust any certificate. */
    SSLSocketFactory socketFactory(boolean verify) {
        return verify ? verifying : trustingAll;
    }

    /** A context of this engine, e.g. for a server of the warm-up. */
    SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(keys, trust, null);
        return context;
    }

    /** Each X509 trust manager inside that wrapper, the others as they are. */
    private static TrustManager[] wrapped(TrustManager[] managers, UnaryOperator<X509ExtendedTrustManager> wrapper) {
        TrustManager[] wrapped = managers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509ExtendedTrustManager extended) {
                wrapped[i] = wrapper.apply(extended);
            }
        }
        return wrapped;
    }

    /** The JDK's PKIX trust managers over these authorities; null: the JVM's trust store. */
    private static TrustManager[] trustManagers(KeyStore authorities) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(authorities);
        return factory.getTrustManagers();
    }
}
