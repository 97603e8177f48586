package io.bactrian.probe;

import java.security.Provider;

import org.conscrypt.Conscrypt;

/** Conscrypt, named only here: a JVM on the JDK's engine never loads its classes or library. */
final class NativeTls {

    private NativeTls() {
    }

    /** Loads the native library on first use. */
    static Provider provider() {
        return Conscrypt.newProvider();
    }

    static String version() {
        Conscrypt.Version v = Conscrypt.version();
        return "Conscrypt " + (v == null ? "" : v.major() + "." + v.minor() + "." + v.patch() + " ") + "with BoringSSL";
    }
}
