package io.bactrian.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import io.bactrian.core.CheckResult;
import io.bactrian.testing.Dnsmasq;
import io.bactrian.testing.MeasuresTime;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code dns-probe:} step against a real dnsmasq on a loopback port, and a port that never answers. */
@MeasuresTime
class DnsProbeTest {
    static Dnsmasq dnsmasq;
    static String server;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start("--address=/example.test/127.0.0.5", "--address=/example.test/fd00::5",
                "--cname=www.web.test,example.test", "--mx-host=example.test,mail.example.test,10",
                "--txt-record=example.test,v=spf1 -all", "--local=/gone.test/");
        server = dnsmasq.server();
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private static CheckResult check(String parameters) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:check").routeId("dns").to("dns-probe:dns?" + parameters);
                }
            });
            context.start();
            return context.createProducerTemplate().requestBody("direct:check", null, CheckResult.class);
        }
    }

    @Test
    void expectedAddressesPass() throws Exception {
        CheckResult a = check("name=example.test&server=" + server + "&expect=127.0.0.5");
        assertTrue(a.up(), a.toString());
        assertEquals("A example.test @" + server, a.target());
        assertEquals(List.of("127.0.0.5"), ((DnsResult) a.detail()).values());

        CheckResult aaaa = check("name=example.test&type=AAAA&server=" + server + "&expect=fd00:0:0::5");
        assertTrue(aaaa.up(), "the same IPv6 address however written: " + aaaa);

        CheckResult anyAnswer = check("name=example.test&server=" + server);
        assertTrue(anyAnswer.up(), "without expect any address passes: " + anyAnswer);
    }

    @Test
    void namesAndTextsAreCheckedToo() throws Exception {
        CheckResult cname = check("name=www.web.test&type=CNAME&server=" + server + "&expect=example.test.");
        assertTrue(cname.up(), cname.toString());
        CheckResult mx = check("name=example.test&type=MX&server=" + server + "&expect=mail.example.test");
        assertTrue(mx.up(), mx.toString());
        CheckResult txt = check("name=example.test&type=TXT&server=" + server + "&expect=RAW(v=spf1 -all)");
        assertTrue(txt.up(), txt.toString());
    }

    @Test
    void wrongAddressIsDownWithBothSets() throws Exception {
        CheckResult r = check("name=example.test&server=" + server + "&expect=127.0.0.6,127.0.0.7");
        assertFalse(r.up());
        assertEquals("unexpected answer", r.failureClass());
        assertEquals("A example.test is 127.0.0.5, expected 127.0.0.6, 127.0.0.7", r.reason());
    }

    @Test
    void nxdomainIsADnsFailure() throws Exception {
        CheckResult r = check("name=nothing.gone.test&server=" + server);
        assertFalse(r.up());
        assertEquals("DNS failure", r.failureClass());
        assertEquals("NXDOMAIN: nothing.gone.test does not exist", r.reason());
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheLimit() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String at = "127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();
            CheckResult r = check("name=example.test&server=" + at + "&timeout=300ms");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertFalse(r.up());
            assertEquals("timeout", r.failureClass());
            assertEquals("no answer from " + at + " within 300 ms", r.reason());
            assertTrue(tookMs >= 300 && tookMs < 5000, "waited the limit, not longer: " + tookMs + " ms");
        }
    }

    @Test
    void aPortWithoutAServerSaysSo() throws Exception {
        int closed;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String at = "127.0.0.1:" + closed;
        CheckResult r = check("name=example.test&server=" + at + "&timeout=2000ms");
        assertFalse(r.up());
        assertEquals("DNS failure", r.failureClass());
        assertEquals("no answer from " + at + ": port unreachable, no DNS server listens there", r.reason());
    }

    @Test
    void badSettingsAreNamed() {
        Exception type = assertThrows(Exception.class, () -> check("name=example.test&server=127.0.0.1&type=B"));
        assertTrue(String.valueOf(rootMessage(type)).contains("type 'B': one of A, AAAA, CNAME, MX, NS, TXT"), type.toString());
        Exception expect = assertThrows(Exception.class, () -> check("name=example.test&server=127.0.0.1&expect=fd00::1"));
        assertTrue(String.valueOf(rootMessage(expect)).contains("expect 'fd00::1': not an IPv4 address"), expect.toString());
    }

    private static String rootMessage(Throwable e) {
        return io.bactrian.config.RootMessage.of(e);
    }
}
