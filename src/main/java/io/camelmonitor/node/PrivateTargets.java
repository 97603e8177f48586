package io.camelmonitor.node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps the probe API from being a proxy into the node's own network: a target whose host
 * resolves to a loopback, private, link-local or unspecified address is refused.
 */
final class PrivateTargets {

    private PrivateTargets() {
    }

    /** Why the URL must not be probed, or null if it may. An unknown host may: the probe reports it. */
    static String refusal(URI url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                return "target " + url.getHost() + " resolves to " + a.getHostAddress()
                        + ", a private address; this node only probes public targets";
            }
        }
        return null;
    }

    /** The guard a public probe node connects with: redirects to private addresses are refused too. */
    static final io.camelmonitor.probe.AddressGuard PUBLIC_ONLY = a -> isPrivate(a)
            ? a.getHostAddress() + " is a private address; this node only probes public targets" : null;

    static boolean isPrivate(InetAddress a) {
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || (a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc);
    }
}
