package io.bactrian.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, replaceable so that a hanging DNS server can be simulated. */
@FunctionalInterface
interface Resolver {

    Resolver SYSTEM = InetAddress::getByName;

    InetAddress resolve(String host) throws UnknownHostException;
}
