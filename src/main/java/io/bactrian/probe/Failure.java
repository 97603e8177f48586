package io.bactrian.probe;

import java.util.Objects;

/**
 * What went wrong and where.
 *
 * @param kind    the class of failure
 * @param phase   the phase that failed: dns, connect, tls, request, ttfb or download
 * @param message a short human sentence, e.g. "connection refused to 127.0.0.1:9"
 */
public record Failure(FailureClass kind, String phase, String message) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind.label() + " (" + phase + "): " + message;
    }
}
