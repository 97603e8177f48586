package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;

class NodeProbersTest {
    private final NodeProbers probers = new NodeProbers(new HttpProbe());

    @Test
    void eachKindHasItsProber() {
        assertInstanceOf(LocalProber.class, probers.forKind(Node.Kind.LOCAL));
        assertInstanceOf(RemoteProber.class, probers.forKind(Node.Kind.BACTRIAN));
        assertInstanceOf(BlackboxProber.class, probers.forKind(Node.Kind.BLACKBOX));
        assertInstanceOf(GlobalpingProber.class, probers.forKind(Node.Kind.GLOBALPING));
    }

    @Test
    void localNodeProbesFromThisProcess() throws Exception {
        try (TestServer target = TestServer.http((request, out) -> TestServer.respond(out, 204, ""))) {
            List<NodeResult> rows = probers.probe(Node.local(), ProbeRequest.of(target.url("/")));
            assertEquals(1, rows.size());
            assertEquals("local", rows.get(0).label());
            assertNull(rows.get(0).result().failure());
            assertEquals(204, rows.get(0).result().status());
        }
    }
}
