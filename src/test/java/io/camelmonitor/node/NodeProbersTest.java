package io.camelmonitor.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import io.camelmonitor.probe.HttpProbe;
import io.camelmonitor.probe.ProbeRequest;
import io.camelmonitor.testing.TestServer;
import org.junit.jupiter.api.Test;

class NodeProbersTest {
    private final NodeProbers probers = new NodeProbers(new HttpProbe());

    @Test
    void eachKindHasItsProber() {
        assertInstanceOf(LocalProber.class, probers.forKind(Node.Kind.LOCAL));
        assertInstanceOf(RemoteProber.class, probers.forKind(Node.Kind.CAMEL_MONITOR));
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
