package io.bactrian.probe.speedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import io.bactrian.probe.FailureClass;
import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may use the probe API, and for which targets. */
class ProbeApiGuardTest {

    @Test
    void emptyTokenAcceptsNothing() {
        assertFalse(new BearerToken("").accepts("Bearer "));
        assertFalse(new BearerToken(null).accepts("Bearer null"));
        assertFalse(new BearerToken("  ").accepts("Bearer"));
    }

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        BearerToken token = new BearerToken("s3cret");
        assertTrue(token.accepts("Bearer s3cret"));
        assertTrue(token.accepts("bearer s3cret"));
        assertFalse(token.accepts("Bearer s3cre"));
        assertFalse(token.accepts("Bearer s3cret2"));
        assertFalse(token.accepts("Basic s3cret"));
        assertFalse(token.accepts("s3cret"));
        assertFalse(token.accepts(null));
        assertFalse(token.toString().contains("s3cret"));
    }

    /**
     * Every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries, multicast, the
     * deprecated IPv6 blocks, the rest of IPv6 outside 2000::/3, and IPv6 addresses embedding a
     * special IPv4 one: the first, a middle and the last address of each, and the name given.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0/8          | 0.0.0.0         | 0.1.2.3          | 0.255.255.255    | "this network"
            10.0.0.0/8         | 10.0.0.0        | 10.1.2.3         | 10.255.255.255   | private-use
            100.64.0.0/10      | 100.64.0.0      | 100.100.100.200  | 100.127.255.255  | carrier-grade NAT
            127.0.0.0/8        | 127.0.0.0       | 127.0.0.1        | 127.255.255.255  | loopback
            169.254.0.0/16     | 169.254.0.0     | 169.254.169.254  | 169.254.255.255  | link-local
            172.16.0.0/12      | 172.16.0.0      | 172.20.1.1       | 172.31.255.255   | private-use
            192.0.0.0/24       | 192.0.0.0       | 192.0.0.170      | 192.0.0.255      | IETF protocol assignments
            192.0.2.0/24       | 192.0.2.0       | 192.0.2.99       | 192.0.2.255      | TEST-NET-1
            192.31.196.0/24    | 192.31.196.0    | 192.31.196.1     | 192.31.196.255   | AS112-v4
            192.52.193.0/24    | 192.52.193.0    | 192.52.193.128   | 192.52.193.255   | AMT
            192.88.99.0/24     | 192.88.99.0     | 192.88.99.1      | 192.88.99.255    | 6to4 relay anycast
            192.168.0.0/16     | 192.168.0.0     | 192.168.1.1      | 192.168.255.255  | private-use
            192.175.48.0/24    | 192.175.48.0    | 192.175.48.6     | 192.175.48.255   | AS112 service
            198.18.0.0/15      | 198.18.0.0      | 198.19.0.1       | 198.19.255.255   | benchmarking
            198.51.100.0/24    | 198.51.100.0    | 198.51.100.7     | 198.51.100.255   | TEST-NET-2
            203.0.113.0/24     | 203.0.113.0     | 203.0.113.7      | 203.0.113.255    | TEST-NET-3
            224.0.0.0/4        | 224.0.0.0       | 232.1.2.3        | 239.255.255.255  | multicast
            240.0.0.0/4        | 240.0.0.0       | 250.1.2.3        | 255.255.255.254  | reserved
            255.255.255.255/32 | 255.255.255.255 | 255.255.255.255  | 255.255.255.255  | limited broadcast
            ::/128             | ::              | ::               | ::               | unspecified
            ::1/128            | ::1             | ::1              | ::1              | loopback
            ::/96              | ::2             | ::127.0.0.1      | ::255.255.255.255 | IPv4-compatible
            IPv4-mapped        | ::ffff:127.0.0.0 | ::ffff:127.0.0.1 | ::ffff:127.255.255.255 | loopback
            ::ffff:0:0:0/96    | ::ffff:0:0.0.0.0 | ::ffff:0:8.8.8.8 | ::ffff:0:255.255.255.255 | IPv4-translated
            64:ff9b:1::/48     | 64:ff9b:1::     | 64:ff9b:1::808:808 | 64:ff9b:1:ffff:ffff:ffff:ffff:ffff | local-use IPv4/IPv6 translation
            100::/64           | 100::           | 100::1           | 100::ffff:ffff:ffff:ffff | discard-only
            100:0:0:1::/64     | 100:0:0:1::     | 100:0:0:1::1     | 100:0:0:1:ffff:ffff:ffff:ffff | dummy IPv6 prefix
            2001::/32          | 2001::          | 2001:0:4136:e378:8000:63bf:3fff:fdd2 | 2001:0:ffff:ffff:ffff:ffff:ffff:ffff | Teredo
            2001::/23          | 2001:1::1       | 2001:20::1       | 2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | IETF protocol assignments
            2001:db8::/32      | 2001:db8::      | 2001:db8::1      | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | documentation
            2002::/16          | 2002::          | 2002:7f00:1::    | 2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 6to4
            2620:4f:8000::/48  | 2620:4f:8000::  | 2620:4f:8000::42 | 2620:4f:8000:ffff:ffff:ffff:ffff:ffff | AS112 service
            3fff::/20          | 3fff::          | 3fff:abc::1      | 3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | documentation
            5f00::/16          | 5f00::          | 5f00:1::1        | 5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | SRv6
            fc00::/7           | fc00::          | fd12:3456::1     | fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | unique-local
            fe80::/10          | fe80::          | fe80::1          | febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | link-local
            fec0::/10          | fec0::          | fec0::1          | feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | site-local
            ff00::/8           | ff00::          | ff02::1          | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | multicast
            outside 2000::/3   | 1::             | 4000::1          | 1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | global unicast space
            NAT64 of private   | 64:ff9b::0.0.0.0 | 64:ff9b::7f00:1 | 64:ff9b::192.168.255.255 | NAT64 of an IPv4 address in
            """)
    void everySpecialPurposeBlockIsRefused(String block, String first, String middle, String last, String name)
            throws Exception {
        for (String a : new String[] {first, middle, last}) {
            String why = PrivateTargets.PUBLIC_ONLY.refusal(InetAddress.getByName(a));
            assertNotNull(why, a + " in " + block + " must be refused");
            assertTrue(why.contains(name) && why.endsWith("this node only probes public targets"), why);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "1.0.0.0", "9.255.255.255", "11.0.0.0",
            "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0",
            "172.15.255.255", "172.32.0.0", "191.255.255.255", "192.0.1.0", "192.0.3.0", "192.88.98.255",
            "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "203.0.112.255", "203.0.114.0",
            "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "2001:200::1", "240e::1",
            "2620:4f:7fff::1", "2003::1", "3ffe::1", "3fff:1000::1", "64:ff9b::8.8.8.8", "64:ff9b::101:101"})
    void publicAddressesPass(String address) throws Exception {
        assertNull(PrivateTargets.PUBLIC_ONLY.refusal(InetAddress.getByName(address)), address);
    }

    @Test
    void refusalNamesTheHostAndAddress() {
        // target.test is 127.0.0.1 in the test hosts file
        String refusal = PrivateTargets.refusal(URI.create("http://target.test:8080/"));
        assertEquals("target target.test resolves to 127.0.0.1, in 127.0.0.0/8, loopback, not a public address; "
                + "this node only probes public targets", refusal);
        assertNull(PrivateTargets.refusal(URI.create("http://8.8.8.8/")));
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedWithoutConnecting() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (TestServer server = TestServer.raw(socket -> connections.incrementAndGet())) {
            // target.test is 127.0.0.1 in the test hosts file
            ProbeResult r = new HttpProbe(PrivateTargets.PUBLIC_ONLY)
                    .probe(ProbeRequest.of("http://target.test:" + server.port() + "/"));
            assertEquals(FailureClass.CONNECTION_REFUSED, r.failure().kind());
            assertEquals("127.0.0.1 is in 127.0.0.0/8, loopback, not a public address; "
                    + "this node only probes public targets", r.failure().message());
            assertEquals("127.0.0.1", r.ip());
            assertEquals(0, connections.get(), "the server saw no connection");
        }
    }
}
