package io.camelmonitor.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A fresh self-signed RSA certificate for 127.0.0.1 and target.test, made by the JDK's keytool;
 * its PKCS12 file (password changeit) doubles as a trust store for it.
 */
public final class SelfSignedCertificate {

    private static final char[] PASSWORD = "changeit".toCharArray();

    public final SSLContext serverContext;
    public final Path keystore;
    public final Instant notAfter;

    private SelfSignedCertificate(SSLContext serverContext, Path keystore, Instant notAfter) {
        this.serverContext = serverContext;
        this.keystore = keystore;
        this.notAfter = notAfter;
    }

    public static SelfSignedCertificate create(Path directory) throws Exception {
        Path keystore = directory.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit", "-alias", "server",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=target.test", "-ext", "SAN=ip:127.0.0.1,dns:target.test")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        return new SelfSignedCertificate(context, keystore, certificate.getNotAfter().toInstant());
    }
}
