package io.camelmonitor.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS hijack detection: a node that resolves the monitored host to a loopback or unspecified
 * address, or outside the addresses the user expects (IPs and CIDR blocks), is hijacked or
 * poisoned. Hosts given as IP literals are not resolved and so never flagged.
 */
public final class ExpectedAddresses {
    private record Block(byte[] network, int bits) {
    }

    private final List<Block> blocks;
    private final String text;

    private ExpectedAddresses(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    public static ExpectedAddresses parse(String text) {
        List<Block> blocks = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                String[] cidr = p.split("/", 2);
                try {
                    byte[] net = literal(cidr[0]).getAddress();
                    int bits = cidr.length == 2 ? Integer.parseInt(cidr[1]) : net.length * 8;
                    if (bits < 0 || bits > net.length * 8) {
                        throw new IllegalArgumentException();
                    }
                    blocks.add(new Block(net, bits));
                } catch (IllegalArgumentException | UnknownHostException e) {
                    throw new IllegalArgumentException("expectIps '" + text + "': '" + p + "' is not an IP or CIDR block");
                }
            }
        }
        return new ExpectedAddresses(List.copyOf(blocks), text == null ? "" : text.trim());
    }

    /** Why the address a node resolved {@code host} to is wrong, or null when it is fine. */
    public String hijack(String host, String resolvedIp) {
        if (resolvedIp == null || isLiteral(host)) {
            return null;
        }
        InetAddress ip;
        try {
            ip = literal(resolvedIp);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
            return host + " resolved to " + resolvedIp;
        }
        if (!blocks.isEmpty() && blocks.stream().noneMatch(b -> contains(b, ip.getAddress()))) {
            return host + " resolved to " + resolvedIp + ", expected " + text;
        }
        return null;
    }

    private static boolean contains(Block b, byte[] ip) {
        if (ip.length != b.network().length) {
            return false;
        }
        for (int i = 0; i < b.bits(); i++) {
            int mask = 0x80 >> (i % 8);
            if ((ip[i / 8] & mask) != (b.network()[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }

    /** Parses an IP literal without ever asking DNS. */
    private static InetAddress literal(String ip) throws UnknownHostException {
        String s = ip.trim().replaceAll("^\\[|]$", "");
        if (!s.matches("[0-9.]+") && !s.contains(":")) {
            throw new IllegalArgumentException(ip);
        }
        return InetAddress.getByName(s);
    }
}
