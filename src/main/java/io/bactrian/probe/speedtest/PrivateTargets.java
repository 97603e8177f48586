package io.bactrian.probe.speedtest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import io.bactrian.probe.AddressGuard;

/**
 * Keeps the probe API from being a proxy into the node's own network or anyone else's: a
 * target is refused when the address it resolves to lies in a block of the IANA IPv4 or IPv6
 * Special-Purpose Address Registry (loopback, private-use, shared/carrier-grade NAT, link-local,
 * documentation, benchmarking, reserved ...), is multicast, is an IPv6 address outside the
 * global unicast space 2000::/3, or is an IPv6 address that embeds such an IPv4 address.
 */
final class PrivateTargets {

    /** A special-purpose block and what the registry calls it. */
    private record Special(AddressBlock block, String cidr, String name) {
        static Special of(String cidr, String name) {
            return new Special(AddressBlock.parse(cidr), cidr, name);
        }
    }

    /** The IANA IPv4 Special-Purpose Address Registry, and multicast; the first match names the address. */
    private static final List<Special> IPV4 = List.of(
            Special.of("0.0.0.0/8", "\"this network\""),
            Special.of("10.0.0.0/8", "private-use"),
            Special.of("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
            Special.of("127.0.0.0/8", "loopback"),
            Special.of("169.254.0.0/16", "link-local"),
            Special.of("172.16.0.0/12", "private-use"),
            Special.of("192.0.0.0/24", "IETF protocol assignments"),
            Special.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
            Special.of("192.31.196.0/24", "AS112-v4"),
            Special.of("192.52.193.0/24", "AMT"),
            Special.of("192.88.99.0/24", "deprecated 6to4 relay anycast"),
            Special.of("192.168.0.0/16", "private-use"),
            Special.of("192.175.48.0/24", "direct delegation AS112 service"),
            Special.of("198.18.0.0/15", "benchmarking"),
            Special.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
            Special.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
            Special.of("224.0.0.0/4", "multicast"),
            Special.of("255.255.255.255/32", "limited broadcast"),
            Special.of("240.0.0.0/4", "reserved"));

    /**
     * The IANA IPv6 Special-Purpose Address Registry, the deprecated IPv4-compatible, IPv4-translated
     * and site-local blocks, and multicast. IPv4-mapped addresses (::ffff:0:0/96) are not here: the
     * JDK turns them into the IPv4 address they map, which the IPv4 table judges. Nor is the
     * well-known NAT64 prefix 64:ff9b::/96: it reaches public IPv4 hosts from IPv6-only networks, so
     * its embedded IPv4 address decides.
     */
    private static final List<Special> IPV6 = List.of(
            Special.of("::/128", "unspecified"),
            Special.of("::1/128", "loopback"),
            Special.of("::/96", "IPv4-compatible (deprecated)"),
            Special.of("::ffff:0:0:0/96", "IPv4-translated"),
            Special.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            Special.of("100::/64", "discard-only"),
            Special.of("100:0:0:1::/64", "dummy IPv6 prefix"),
            Special.of("2001::/32", "Teredo"),
            Special.of("2001::/23", "IETF protocol assignments"),
            Special.of("2001:db8::/32", "documentation"),
            Special.of("2002::/16", "6to4"),
            Special.of("2620:4f:8000::/48", "direct delegation AS112 service"),
            Special.of("3fff::/20", "documentation"),
            Special.of("5f00::/16", "segment routing (SRv6) SIDs"),
            Special.of("fc00::/7", "unique-local"),
            Special.of("fe80::/10", "link-local"),
            Special.of("fec0::/10", "site-local (deprecated)"),
            Special.of("ff00::/8", "multicast"));

    private static final AddressBlock NAT64 = AddressBlock.parse("64:ff9b::/96");
    private static final AddressBlock GLOBAL_UNICAST = AddressBlock.parse("2000::/3");

    /**
     * The guard a public probe node connects with. It judges the very address the probe then
     * connects to, after DNS and on every redirect hop, so no second lookup can swap it.
     */
    static final AddressGuard PUBLIC_ONLY = a -> {
        String why = specialUse(a);
        return why == null ? null : a.getHostAddress() + " is " + why + "; this node only probes public targets";
    };

    private PrivateTargets() {
    }

    /**
     * Why the URL must not be probed, or null if it may: an early, friendlier answer than the
     * {@link #PUBLIC_ONLY} guard's. An unknown host may: the probe reports it.
     */
    static String refusal(URI url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress a : addresses) {
            String why = specialUse(a);
            if (why != null) {
                return "target " + url.getHost() + " resolves to " + a.getHostAddress()
                        + ", " + why + "; this node only probes public targets";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        return specialUse(a) != null;
    }

    /** E.g. "in 100.64.0.0/10, shared address space (carrier-grade NAT)", or null for a public address. */
    static String specialUse(InetAddress address) {
        byte[] ip = address.getAddress();
        if (address instanceof Inet6Address) {
            Special special = match(IPV6, ip);
            if (special != null) {
                return describe(special);
            }
            if (NAT64.contains(ip)) {
                String embedded = specialUse(ipv4(Arrays.copyOfRange(ip, 12, 16)));
                return embedded == null ? null : "NAT64 of an IPv4 address " + embedded;
            }
            return GLOBAL_UNICAST.contains(ip) ? null : "outside the global unicast space 2000::/3";
        }
        Special special = match(IPV4, ip);
        return special == null ? null : describe(special);
    }

    private static Special match(List<Special> registry, byte[] ip) {
        return registry.stream().filter(s -> s.block().contains(ip)).findFirst().orElse(null);
    }

    private static String describe(Special special) {
        return "in " + special.cidr() + ", " + special.name() + ", not a public address";
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
