package io.bactrian.probe;

import java.net.InetAddress;

/**
 * Decides, for every hop of a probe (redirects included), whether the address it resolved to
 * may be connected to; a probe node serving others refuses private addresses this way.
 */
@FunctionalInterface
public interface AddressGuard {

    AddressGuard NONE = address -> null;

    /** Why the address must not be connected to, or null when it may. */
    String refusal(InetAddress address);
}
