package io.bactrian.probe;

/**
 * Why a probe could not complete an HTTP exchange. An unexpected status code is not a failure
 * here: the exchange completed, and judging the status is the caller's business.
 */
public enum FailureClass {
    TIMEOUT("timeout"),
    /** The connection could not be opened: refused, or no route to the host. */
    CONNECTION_REFUSED("connection refused"),
    DNS_FAILURE("DNS failure"),
    TLS_ERROR("TLS error"),
    /** The peer reset or closed the connection before the response was complete. */
    CONNECTION_RESET("connection reset"),
    /** The response was not valid HTTP/1.x, or redirects could not be followed. */
    PROTOCOL_ERROR("protocol error"),
    /** A probing node refused the monitor's token (HTTP 401 from its probe API). */
    TOKEN_REFUSED("token refused"),
    /** A probing node declined the probe (HTTP 400 or 403 from its probe API), e.g. a private target. */
    NODE_REFUSED("refused by node");

    private final String label;

    FailureClass(String label) {
        this.label = label;
    }

    /** Short human wording, for alerts and status pages. */
    public String label() {
        return label;
    }
}
