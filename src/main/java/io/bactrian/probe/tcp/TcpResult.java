package io.bactrian.probe.tcp;

import io.bactrian.core.Timed;
import io.bactrian.probe.Failure;

/**
 * One TCP connect: where to, how long resolving and connecting took (ms), and why it failed.
 *
 * @param failure null when the port accepted the connection
 */
public record TcpResult(String host, int port, String ip, double dnsMs, double connectMs, Failure failure)
        implements Timed {

    public boolean connected() {
        return failure == null;
    }

    @Override
    public double totalMs() {
        return dnsMs + connectMs;
    }
}
