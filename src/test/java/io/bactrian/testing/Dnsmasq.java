package io.bactrian.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's dnsmasq as a real DNS server on a free loopback port, answering only from its
 * command line (no upstream, no hosts file). Skips the test where the package is absent.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final Path PROGRAM = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    private final int port;

    private Dnsmasq(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with the given records, e.g. {@code --address=/example.test/127.0.0.5}, and waits until it answers. */
    public static Dnsmasq start(String... records) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROGRAM),
                "needs the Debian package dnsmasq-base (apt-get install dnsmasq-base)");
        int port = MonitorProcess.freePort();
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--conf-file=/dev/null",
                "--pid-file=", "--keep-in-foreground"));
        command.addAll(List.of(records));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Dnsmasq dnsmasq = new Dnsmasq(process, port);
        Await.until("dnsmasq answering on port " + port, 10_000, dnsmasq::answers);
        return dnsmasq;
    }

    /** host:port to give the DNS check. */
    public String server() {
        return "127.0.0.1:" + port;
    }

    /** Any DNS reply at all (a query for the root's NS record) means it is listening. */
    private boolean answers() {
        byte[] query = {0x12, 0x34, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1};
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
            socket.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
