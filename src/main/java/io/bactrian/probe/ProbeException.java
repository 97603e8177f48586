package io.bactrian.probe;

import java.io.IOException;

/** An already classified failure, thrown inside a probe and turned into a {@link Failure} at the top. */
final class ProbeException extends IOException {

    private final FailureClass kind;

    ProbeException(FailureClass kind, String message) {
        super(message);
        this.kind = kind;
    }

    FailureClass kind() {
        return kind;
    }
}
