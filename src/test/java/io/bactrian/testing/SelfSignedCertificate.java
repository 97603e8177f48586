package io.bactrian.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A fresh self-signed RSA certificate for 127.0.0.1 and target.test, made by the JDK's keytool;
 * its PKCS12 file (password changeit) doubles as a trust store for it. {@link #authority} makes
 * a test CA instead, which {@link #issue}s server certificates for any names and validity.
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
        keytool("-genkeypair", "-keystore", keystore.toString(), "-alias", "server", "-validity", "30",
                "-dname", "CN=target.test", "-ext", "SAN=ip:127.0.0.1,dns:target.test");
        return load(keystore, "server");
    }

    /** A certificate authority; its PKCS12 file is a trust store that trusts what it issues. */
    public static SelfSignedCertificate authority(Path directory) throws Exception {
        Path keystore = directory.resolve("ca.p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-alias", "ca", "-validity", "365",
                "-dname", "CN=bactrian test CA", "-ext", "bc:c");
        return load(keystore, "ca");
    }

    /**
     * A server certificate signed by this authority, for {@code names} (e.g. {@code dns:target.test,ip:127.0.0.1}),
     * valid from {@code startDays} (negative: in the past) for {@code validityDays}; the server sends the chain
     * leaf, CA.
     */
    public SelfSignedCertificate issue(Path directory, String file, String names, int startDays, int validityDays)
            throws Exception {
        Path server = directory.resolve(file + ".p12");
        Path request = directory.resolve(file + ".csr");
        Path signed = directory.resolve(file + ".crt");
        keytool("-genkeypair", "-keystore", server.toString(), "-alias", "server", "-dname", "CN=" + file);
        keytool("-certreq", "-keystore", server.toString(), "-alias", "server", "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-keystore", keystore.toString(), "-alias", "ca",
                "-infile", request.toString(), "-outfile", signed.toString(), "-validity", String.valueOf(validityDays),
                "-ext", "SAN=" + names, "-ext", "EKU=serverAuth"));
        if (startDays != 0) {
            sign.addAll(List.of("-startdate", (startDays > 0 ? "+" : "") + startDays + "d"));
        }
        keytool(sign.toArray(String[]::new));
        // the chain goes together here rather than in two more keytool runs
        KeyStore store = read(server);
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(signed)) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Certificate authority = read(keystore).getCertificate("ca");
        store.setKeyEntry("server", store.getKey("server", PASSWORD), PASSWORD, new Certificate[] {leaf, authority});
        try (OutputStream out = Files.newOutputStream(server)) {
            store.store(out, PASSWORD);
        }
        return load(server, "server");
    }

    private static KeyStore read(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-keypass", "changeit"));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static SelfSignedCertificate load(Path keystore, String alias) throws Exception {
        KeyStore store = read(keystore);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        return new SelfSignedCertificate(context, keystore, certificate.getNotAfter().toInstant());
    }
}
