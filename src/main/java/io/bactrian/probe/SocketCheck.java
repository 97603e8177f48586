package io.bactrian.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;

/**
 * Resolves a host and opens a TCP connection to it within one deadline, timing each phase the
 * way the HTTP probe does: the common start of the TCP port and certificate checks.
 */
public final class SocketCheck {
    private static final DnsLookup DNS = new DnsLookup(Resolver.SYSTEM);

    final Target target;
    final Deadline deadline;
    public final PhaseTimer timer;
    public String ip;
    private Watchdog watchdog;

    public SocketCheck(String host, int port, Duration timeout) {
        this.target = new Target(null, false, host, port);
        ProbeWarmUp.before(target); // before the clock and the deadline start
        this.deadline = new Deadline(timeout);
        this.timer = new PhaseTimer();
    }

    /**
     * A connected socket, closed by the {@link #watchdog()} if the connect limit or the deadline
     * passes; close the watchdog when done with the socket.
     */
    public Socket connect(Duration connectTimeout) throws IOException {
        timer.start(Phase.DNS);
        InetAddress address = DNS.lookup(target, deadline);
        ip = address.getHostAddress();
        timer.start(Phase.CONNECT);
        Socket socket = new Socket(Proxy.NO_PROXY);
        long connectLimit = connectTimeout.toMillis();
        watchdog = Watchdog.guard(socket, deadline, connectLimit);
        try {
            HttpProbe.connect(socket, new InetSocketAddress(address, target.port()), connectLimit, watchdog, deadline);
            watchdog.connected();
        } catch (IOException e) {
            watchdog.close();
            socket.close();
            throw e;
        }
        return socket;
    }

    public Watchdog watchdog() {
        return watchdog;
    }

    /** What went wrong, in the phase that was running. */
    public Failure failure(IOException e) {
        Phase phase = timer.current() == null ? Phase.CONNECT : timer.current();
        timer.stop();
        return FailureClassifier.classify(e, phase, deadline, target.host());
    }

    public static String hostPort(String host, int port) {
        return Target.hostPort(host, port);
    }
}
