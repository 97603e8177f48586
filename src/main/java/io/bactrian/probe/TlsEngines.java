package io.bactrian.probe;

import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Which {@link TlsEngine} this JVM's probes and certificate checks use, by {@code probe.tls-engine}:
 * {@code auto} (the default) the native one where its library loads (linux x86_64 with glibc),
 * else the JDK's; {@code native} or {@code jdk} that one. The application sets it from its
 * properties; a JVM without them (the {@code probe} command) reads the system property.
 *
 * <p>With {@code auto} the choice is made when TLS is first needed, by the warm-up in the
 * background or before a first https probe's clock starts: a JVM without https targets never
 * pays for loading the native library. A forced engine is set up at once, so that one that
 * cannot run stops the start.
 */
public final class TlsEngines {
    public static final String SETTING = "probe.tls-engine";
    private static final String AUTO = "auto";

    private static String setting;
    private static Consumer<String> announce = line -> { };
    private static TlsEngine jdk;
    private static TlsEngine nativeEngine;
    private static volatile TlsEngine current;

    private TlsEngines() {
    }

    /**
     * Sets the choice, {@code auto}, {@code native} or {@code jdk}; {@code announce} is told, in
     * one line, which engine runs once it is known.
     *
     * @throws IllegalArgumentException for another value, or {@code native} where it does not load
     */
    public static synchronized void choose(String value, Consumer<String> announce) {
        setting = valid(value);
        TlsEngines.announce = announce;
        current = null;
        if (!setting.equals(AUTO)) {
            current();
        }
    }

    public static TlsEngine current() {
        TlsEngine engine = current;
        return engine != null ? engine : choose();
    }

    private static synchronized TlsEngine choose() {
        if (current != null) {
            return current;
        }
        String chosen = setting != null ? setting : valid(System.getProperty(SETTING, AUTO));
        String why = "";
        TlsEngine engine;
        if (chosen.equals(AUTO)) {
            try {
                engine = named(TlsEngine.NATIVE);
            } catch (IllegalStateException e) {
                engine = named(TlsEngine.JDK);
                why = "; " + e.getMessage();
            }
        } else {
            engine = named(chosen);
            why = " (" + SETTING + " = " + chosen + ")";
        }
        current = engine;
        announce.accept("TLS engine of the probes: " + engine.description() + why);
        return engine;
    }

    /** The engine of that name, set up once per JVM. */
    static synchronized TlsEngine named(String name) {
        try {
            if (name.equals(TlsEngine.JDK)) {
                if (jdk == null) {
                    jdk = TlsEngine.jdk();
                }
                return jdk;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
        try {
            if (nativeEngine == null) {
                nativeEngine = TlsEngine.conscrypt();
            }
            return nativeEngine;
        } catch (LinkageError | RuntimeException | GeneralSecurityException e) {
            throw new IllegalStateException("the native TLS engine does not run on this machine ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + firstLine(e), e);
        }
    }

    private static String valid(String value) {
        String v = value == null ? AUTO : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return AUTO;
        }
        if (!v.equals(AUTO) && !v.equals(TlsEngine.NATIVE) && !v.equals(TlsEngine.JDK)) {
            throw new IllegalArgumentException(SETTING + " '" + value + "': not auto, native or jdk");
        }
        return v;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
