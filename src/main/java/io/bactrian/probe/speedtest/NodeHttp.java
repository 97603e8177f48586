package io.bactrian.probe.speedtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.bactrian.probe.FailureClass;

/** The HTTP client the remote probers ask their nodes with, and the wording of its failures. */
final class NodeHttp {
    /**
     * How long a node may take beyond the probe's own timeout: the round trip to it. Short, so
     * a silent node holds a sweep up no longer than its probe would.
     */
    static final Duration MARGIN = Duration.ofMillis(500);

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private NodeHttp() {
    }

    /** Why the node could not be asked, e.g. "node unreachable: connection refused". */
    static String describe(IOException e, Duration waited) {
        if (e instanceof HttpTimeoutException) {
            return "node unreachable: no answer within " + waited.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "node unreachable: connection refused";
        }
        return "node unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static FailureClass kind(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return FailureClass.TIMEOUT;
        }
        return e instanceof ConnectException ? FailureClass.CONNECTION_REFUSED : FailureClass.CONNECTION_RESET;
    }
}
