package io.bactrian.probe.speedtest;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block such as {@code 100.64.0.0/10} or {@code fc00::/7}. */
record AddressBlock(byte[] network, int bits) {

    /** An IP or a CIDR block; an IP alone is a block of one address. */
    static AddressBlock parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        try {
            byte[] network = literal(parts[0]).getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException(cidr);
            }
            return new AddressBlock(network, bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    boolean contains(byte[] ip) {
        if (ip.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((ip[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IP literal without ever asking DNS. */
    static InetAddress literal(String ip) throws UnknownHostException {
        String s = ip.trim().replaceAll("^\\[|]$", "");
        if (!s.matches("[0-9.]+") && !s.contains(":")) {
            throw new IllegalArgumentException(ip);
        }
        return InetAddress.getByName(s);
    }
}
