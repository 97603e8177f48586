package io.bactrian.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what the JDK throws into a {@link Failure} a person can act on. */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static Failure classify(IOException error, Phase phase, Deadline deadline, String host) {
        String where = phase.label();
        if (error instanceof ProbeException known) {
            return new Failure(known.kind(), where, known.getMessage());
        }
        // the watchdog closes the socket at the deadline, so any error after it is the timeout
        if (error instanceof SocketTimeoutException || deadline.expired()) {
            return new Failure(FailureClass.TIMEOUT, where,
                    "timed out after " + deadline.timeoutMillis() + " ms " + phase.activity());
        }
        if (isReset(error)) {
            return new Failure(FailureClass.CONNECTION_RESET, where, "connection reset by the server " + phase.activity());
        }
        if (error instanceof SSLException) {
            return new Failure(FailureClass.TLS_ERROR, where,
                    (phase == Phase.TLS ? "TLS handshake failed: " : "TLS error: ") + tlsReason(error, host));
        }
        if (error instanceof EOFException) {
            return new Failure(FailureClass.CONNECTION_RESET, where, "connection closed by the server " + phase.activity());
        }
        return new Failure(FailureClass.PROTOCOL_ERROR, where, String.valueOf(error.getMessage()));
    }

    private static boolean isReset(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketException
                    && (message.contains("reset") || message.contains("broken pipe") || message.contains("abort"))) {
                return true;
            }
        }
        return false;
    }

    private static String tlsReason(Throwable error, String host) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid";
            }
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("PKIX path building failed")) {
            return "certificate not trusted (PKIX path building failed)";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "certificate does not match host " + host;
        }
        if (message.contains("Remote host terminated") || error.getCause() instanceof EOFException) {
            return "the server closed the connection";
        }
        return message;
    }
}
