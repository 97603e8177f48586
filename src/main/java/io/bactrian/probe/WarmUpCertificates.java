package io.bactrian.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate authority and a server certificate for {@code localhost} that it
 * signs, made in memory for the TLS warm-up's loopback handshakes and trusted by nothing else.
 * The JDK has no public API to issue a certificate, so the few DER structures are written here.
 */
final class WarmUpCertificates {

    private static final char[] PASSWORD = "warm-up".toCharArray();
    private static final byte[] ECDSA_WITH_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1d, 0x11};
    private static final byte[] BASIC_CONSTRAINTS = {0x55, 0x1d, 0x13};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    /** Presents the server certificate and the authority. */
    final SSLContext server;
    /** Trusts the authority, through the same PKIX validation as the JVM's trust store. */
    final TlsEngine client;

    private WarmUpCertificates(SSLContext server, TlsEngine client) {
        this.server = server;
        this.client = client;
    }

    /** Server and client on this engine. */
    static WarmUpCertificates create(TlsEngine engine) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair authorityKeys = generator.generateKeyPair();
        KeyPair serverKeys = generator.generateKeyPair();
        X509Certificate authority = certificate("warm-up CA", "warm-up CA", authorityKeys.getPublic(),
                authorityKeys.getPrivate(), null);
        X509Certificate server = certificate("localhost", "warm-up CA", serverKeys.getPublic(),
                authorityKeys.getPrivate(), "localhost");

        // JKS: PKCS12 would encrypt the key with 10,000 PBKDF2 rounds, slow in a cold JVM
        KeyStore keys = KeyStore.getInstance("JKS");
        keys.load(null, null);
        keys.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new Certificate[] {server, authority});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverContext = engine.context(keyManagers.getKeyManagers(), null);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("authority", authority);
        return new WarmUpCertificates(serverContext, engine.trusting(anchors));
    }

    /**
     * An X.509 v3 certificate valid for a day: for a server with a DNS subject alternative name if
     * {@code dnsName} is given, else for a certificate authority.
     */
    private static X509Certificate certificate(String subject, String issuer, PublicKey key, PrivateKey signer,
                                               String dnsName) throws GeneralSecurityException {
        byte[] algorithm = der(0x30, der(0x06, ECDSA_WITH_SHA256));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] extension = dnsName == null
                ? der(0x30, der(0x06, BASIC_CONSTRAINTS), der(0x01, new byte[] {-1}), der(0x04, der(0x30, der(0x01, new byte[] {-1}))))
                : der(0x30, der(0x06, SUBJECT_ALT_NAME),
                        der(0x04, der(0x30, der(0x82, dnsName.getBytes(StandardCharsets.US_ASCII)))));
        byte[] tbs = der(0x30,
                der(0xa0, der(0x02, new byte[] {2})), // v3
                der(0x02, new byte[] {(byte) (subject.hashCode() & 0x7f), 1}),
                algorithm,
                name(issuer),
                der(0x30, time(now.minusHours(1)), time(now.plusDays(1))),
                name(subject),
                key.getEncoded(),
                der(0xa3, der(0x30, extension)));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer);
        signature.update(tbs);
        byte[] signed = signature.sign();
        byte[] bits = new byte[signed.length + 1]; // a BIT STRING starts with its count of unused bits
        System.arraycopy(signed, 0, bits, 1, signed.length);
        byte[] encoded = der(0x30, tbs, algorithm, der(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] name(String commonName) {
        return der(0x30, der(0x31, der(0x30, der(0x06, COMMON_NAME),
                der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(ZonedDateTime at) {
        return der(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER tag-length-value with the parts as its contents. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.size() + 4);
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
