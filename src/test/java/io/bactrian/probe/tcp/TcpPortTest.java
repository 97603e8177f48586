package io.bactrian.probe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.bactrian.config.RootMessage;
import io.bactrian.core.CheckResult;
import io.bactrian.testing.MeasuresTime;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The {@code tcp-port:} step against a listening and a refused loopback port. */
@MeasuresTime
class TcpPortTest {

    private static CheckResult check(String parameters) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("db-port").to("tcp-port:db?" + parameters);
                }
            });
            context.start();
            return context.createProducerTemplate().requestBody("direct:check", null, CheckResult.class);
        }
    }

    @Test
    void listeningPortIsUpWithItsConnectTime() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CheckResult r = check("host=127.0.0.1&port=" + listening.getLocalPort() + "&maxConnectMs=2000");
            assertTrue(r.up(), r.toString());
            assertEquals("127.0.0.1:" + listening.getLocalPort(), r.target());
            TcpResult tcp = (TcpResult) r.detail();
            assertTrue(tcp.connectMs() > 0 && tcp.connectMs() < 2000, "connect time measured: " + tcp);
            assertEquals("127.0.0.1", tcp.ip());
        }
    }

    @Test
    void refusedPortIsDown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CheckResult r = check("host=127.0.0.1&port=" + port);
        assertFalse(r.up());
        assertEquals("connection refused", r.failureClass());
        assertTrue(r.reason().contains("127.0.0.1:" + port), r.reason());
    }

    @Test
    void badSettingsAreNamed() {
        Exception port = assertThrows(Exception.class, () -> check("host=127.0.0.1&port=70000"));
        assertEquals("port 70000: not a TCP port (1-65535)", RootMessage.of(port));
        Exception host = assertThrows(Exception.class, () -> check("port=22"));
        assertEquals("host is not set", RootMessage.of(host));
    }
}
