package io.bactrian.probe.dns;

import java.util.List;

import io.bactrian.core.Timed;

/**
 * One DNS question and the server's answer.
 *
 * @param rcode  the response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED), -1 without an answer
 * @param values the records of the asked type, sorted: addresses, names or texts
 * @param error  why no answer came (timeout, unreachable, malformed), null when one did
 */
public record DnsResult(String name, RecordType type, String server, int rcode, List<String> values, double totalMs,
                        String error) implements Timed {

    static final List<String> RCODES = List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED");

    public String rcodeName() {
        return rcode >= 0 && rcode < RCODES.size() ? RCODES.get(rcode) : "RCODE " + rcode;
    }
}
