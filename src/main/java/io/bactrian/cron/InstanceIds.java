package io.bactrian.cron;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.quartz.spi.InstanceIdGenerator;

/**
 * Names a cluster member {@code <host>-<pid>-<start ms>}: unique, and readable in Quartz's
 * tables. Quartz's own generator fails where the host's name does not resolve (some
 * containers); the {@code HOSTNAME} variable stands in then.
 */
public class InstanceIds implements InstanceIdGenerator {

    @Override
    public String generateInstanceId() {
        return host() + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
    }

    /** This machine's name, or the container's. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "instance");
        }
    }
}
