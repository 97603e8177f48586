package io.bactrian.probe.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.core.Noteworthy;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import io.bactrian.core.Timed;
import io.bactrian.probe.Failure;

/**
 * What a certificate check found.
 *
 * @param serverName  the name the certificate must be for (SNI and host name check)
 * @param ip          the address connected to, null if never resolved
 * @param chain       the certificates the server sent, its own first
 * @param expires     the earliest expiry in the chain
 * @param daysLeft    whole days until then, negative once expired
 * @param problems    what makes the certificate unusable: expired, not trusted, wrong host; empty when fine
 * @param failure     why no certificate was seen (DNS, connect, handshake), null when one was
 * @param notice      the warning due for a near expiry, null when none
 */
public record CertResult(String serverName, int port, String ip, List<Cert> chain, Instant expires, long daysLeft,
                         List<String> problems, Failure failure, String notice, double totalMs)
        implements Noteworthy, Timed, TableDetail {

    /** One certificate of the chain as people read it. */
    public record Cert(String subject, String issuer, Instant notAfter, List<String> names) {
    }

    @Override
    public Table table() {
        List<Table.Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (Cert c : chain) {
            boolean expired = c.notAfter().isBefore(now);
            rows.add(new Table.Row(List.of(c.subject(), c.issuer(), String.join(", ", c.names()),
                    c.notAfter().toString(), expired ? "expired" : "ok"), expired));
        }
        return new Table(List.of("Certificate", "Issuer", "Names", "Valid until", "Result"), rows);
    }
}
