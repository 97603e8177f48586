package io.bactrian.probe.speedtest;

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
    private final List<AddressBlock> blocks;
    private final String text;

    private ExpectedAddresses(List<AddressBlock> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    public static ExpectedAddresses parse(String text) {
        List<AddressBlock> blocks = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    blocks.add(AddressBlock.parse(p));
                } catch (IllegalArgumentException e) {
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
            ip = AddressBlock.literal(resolvedIp);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
            return host + " resolved to " + resolvedIp;
        }
        if (!blocks.isEmpty() && blocks.stream().noneMatch(b -> b.contains(ip.getAddress()))) {
            return host + " resolved to " + resolvedIp + ", expected " + text;
        }
        return null;
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }
}
