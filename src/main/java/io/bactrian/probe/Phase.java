package io.bactrian.probe;

import java.util.Locale;

/** The phases of one HTTP exchange, in the order they happen. */
public enum Phase {
    DNS("resolving the host"),
    CONNECT("connecting"),
    TLS("during the TLS handshake"),
    REQUEST("sending the request"),
    TTFB("waiting for the first byte"),
    DOWNLOAD("reading the response");

    private final String activity;

    Phase(String activity) {
        this.activity = activity;
    }

    /** The name used in {@link Failure#phase()}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the probe was doing, to complete sentences such as "timed out after 800 ms ...". */
    String activity() {
        return activity;
    }
}
