package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;

/** {@code kafka-lag} without a broker to answer: it gives up within its timeout, in one line. */
@MeasuresTime
class KafkaLagTimeoutTest {
    /** A closed port, and one that takes connections but never answers: the limit holds, and says so. */
    @Test
    void anUnreachableClusterIsOneClearLineWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) { // never accepts: silent
            for (String bootstrap : List.of("127.0.0.1:" + MonitorProcess.freePortUnchecked(), "127.0.0.1:" + silent.getLocalPort())) {
                for (List<String> groups : List.of(List.<String>of(), List.of("--group", "billing"))) {
                    List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--timeout", "1000"));
                    args.addAll(groups);
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    long start = System.nanoTime();
                    int code = KafkaLagCommand.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    long tookMs = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(1, code, err.toString());
                    assertEquals("kafka-lag: could not read offsets from " + bootstrap + ": Kafka at " + bootstrap
                            + " did not answer within 1000 ms", err.toString(StandardCharsets.UTF_8).strip(), args.toString());
                    assertTrue(tookMs < 1000 + 800, args + " took " + tookMs + " ms");
                }
            }
        }
    }
}
