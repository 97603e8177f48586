package io.bactrian.probe;

import io.bactrian.testing.MeasuresTime;
import io.bactrian.testing.SelfSignedCertificate;
import io.bactrian.testing.TestServer;
import static io.bactrian.testing.TestServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Phase timings against a target with a known shape: 200 ms before the headers, then a body in
 * ten pieces 30 ms apart (the first one with the headers), so ttfb is about 200 ms and download
 * about 270 ms. The target records the pauses it really made, since a busy machine oversleeps.
 */
@MeasuresTime
class ProbeTimingTest {

    private static final String PIECE = "0123456789";

    private final HttpProbe probe = new HttpProbe();

    /** Pauses the target really made for one request, in milliseconds. */
    record Pauses(double beforeHeaders, double trickle) {
    }

    private static TestServer delayedTarget(List<Pauses> pauses) throws Exception {
        return TestServer.http((request, out) -> {
            long received = System.nanoTime();
            Thread.sleep(200);
            long headers = System.nanoTime();
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + PIECE.length() * 10 + "\r\n\r\n" + PIECE);
            for (int i = 1; i < 10; i++) {
                Thread.sleep(30);
                if (i == 9) { // recorded before the client can have read the end
                    pauses.add(new Pauses((headers - received) / 1e6, (System.nanoTime() - headers) / 1e6));
                }
                write(out, PIECE);
            }
        });
    }

    /**
     * The target cannot see how long its own thread took to wake up for the request, so on a
     * busy machine one attempt may be off by that much: the best of three must be within bounds.
     */
    @Test
    void ttfbAndDownloadMatchTheTargetsPauses() throws Exception {
        List<Pauses> pauses = new CopyOnWriteArrayList<>();
        try (TestServer server = delayedTarget(pauses)) {
            AssertionError mismatch = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                ProbeResult result = probe.probe(ProbeRequest.of(server.url("/slow")));

                assertTrue(result.completed(), () -> String.valueOf(result.failure()));
                assertEquals(PIECE.repeat(10), result.body());
                assertTrue(result.ttfbMs() >= 200 && result.downloadMs() >= 270, result::toString);
                assertTrue(result.totalMs() >= result.ttfbMs() + result.downloadMs());
                Pauses real = pauses.get(attempt);
                try {
                    assertEquals(real.beforeHeaders(), result.ttfbMs(), 20, "ttfb");
                    assertEquals(real.trickle(), result.downloadMs(), 40, "download");
                    return;
                } catch (AssertionError e) {
                    mismatch = e;
                }
            }
            throw mismatch;
        }
    }

    @Test
    void redirectHopsAddUpTheirPhases() throws Exception {
        try (TestServer server = TestServer.http((request, out) -> {
            Thread.sleep(100); // each hop's wait, which the phases must add up
            if (request.target().equals("/first")) {
                TestServer.respond(out, 302, "", "Location: /second");
            } else {
                TestServer.respond(out, 200, "there");
            }
        })) {
            ProbeResult result = probe.probe(ProbeRequest.of(server.url("/first")));

            assertEquals(1, result.redirects());
            assertTrue(result.ttfbMs() >= 200, "two hops of at least 100 ms each, got " + result.ttfbMs());
        }
    }

    /**
     * Both tools see the same target but not the same scheduling of its pauses, so a single
     * disagreement on a busy machine proves little: the best of three attempts must agree.
     */
    @Test
    void phasesAgreeWithCurl() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "needs the Debian package curl (not on the PATH): comparison with curl skipped");
        try (TestServer server = delayedTarget(new CopyOnWriteArrayList<>())) {
            String url = server.url("/slow");
            probe.probe(ProbeRequest.of(url)); // warm up, as a long-running monitor is
            AssertionError disagreement = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                ProbeResult ours = probe.probe(ProbeRequest.of(url));
                double[] curl = curl(url);
                double curlTtfb = (curl[4] - curl[3]) * 1000; // starttransfer - pretransfer
                double curlTotal = curl[5] * 1000;
                try {
                    assertTrue(ours.completed(), () -> String.valueOf(ours.failure()));
                    assertEquals(curlTtfb, ours.ttfbMs(), Math.max(2, curlTtfb * 0.05), "ttfb vs curl");
                    assertEquals(curlTotal, ours.totalMs(), Math.max(2, curlTotal * 0.05), "total vs curl");
                    return;
                } catch (AssertionError e) {
                    disagreement = e;
                }
            }
            throw disagreement;
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** namelookup, connect, appconnect, pretransfer, starttransfer, total: cumulative seconds. */
    static double[] curl(String url, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-q", "-s", "-o", "/dev/null", "--noproxy", "*",
                "-w", "%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer} "
                        + "%{time_starttransfer} %{time_total}"));
        command.addAll(List.of(options));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, curl.exitValue(), "curl failed: " + output);
        String[] fields = output.replace(',', '.').split(" ");
        double[] seconds = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            seconds[i] = Double.parseDouble(fields[i]);
        }
        return seconds;
    }
}
