package io.bactrian.probe.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.bactrian.probe.Target;

/**
 * Whether a certificate names a host, as browsers decide it (RFC 6125): its subject alternative
 * names only, a wildcard standing for exactly one left-most label, IP literals against IP entries.
 */
final class HostnameMatch {
    private static final int DNS = 2;
    private static final int IP = 7;

    private HostnameMatch() {
    }

    /** The DNS and IP names the certificate is for, as written in it. */
    static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == DNS || type == IP) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable extension names nothing
        }
        return names;
    }

    static boolean matches(X509Certificate cert, Target host) {
        String name = host.host().endsWith(".") ? host.host().substring(0, host.host().length() - 1) : host.host();
        for (String candidate : names(cert)) {
            if (host.hostIsAddress() ? sameAddress(candidate, name) : sameName(candidate, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String candidate, String address) {
        try {
            // a DNS name in an IP entry is no match, and must not be looked up
            return new Target(null, false, candidate, 0).hostIsAddress()
                    && InetAddress.getByName(candidate).equals(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean sameName(String candidate, String name) {
        String c = candidate.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (c.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot).equals(c.substring(1)) && c.indexOf('.', 2) > 0;
        }
        return c.equals(n);
    }
}
