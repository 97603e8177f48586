package io.bactrian.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;

import io.bactrian.alert.AlertEvent;
import io.bactrian.alert.AlertKind;
import io.bactrian.api.ApiCall.Answer;
import io.bactrian.auth.Logins;
import io.bactrian.channel.ChannelSenders;
import io.bactrian.channel.TestSend;
import org.apache.camel.Exchange;

/**
 * {@code /api/v1/channels}: the alert channels as configured, secrets never shown, and a test
 * alert sent through one of them now, answering what its service said. The test goes past the
 * alert queue: it is no incident, and a channel resting after a failure is tried all the same.
 */
public final class ChannelApi {
    /** How a test alert names itself, before the host it is sent from. */
    static final String TEST = "[TEST] bactrian";
    private final ChannelSenders senders;
    private final ApiCall call;

    public ChannelApi(ChannelSenders senders, Logins logins, AuditLog audit) {
        this.senders = senders;
        this.call = new ApiCall(logins, audit);
    }

    public void list(Exchange exchange) {
        call.read(exchange, () -> Answer.json(200, senders.setUp()));
    }

    public void test(Exchange exchange) {
        call.write(exchange, () -> {
            String name = exchange.getMessage().getHeader("id", "", String.class);
            String host = host();
            AlertEvent event = new AlertEvent(AlertKind.NOTICE, TEST, host, Instant.now(), null, "",
                    "a test alert from " + host + ", sent by hand to check the channel; nothing is down", null);
            TestSend sent = name.matches("[a-z0-9-]{1,40}") ? senders.test(name, event) : null;
            if (sent == null) {
                throw ApiError.of(404, "no channel '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
            }
            return Answer.json(200, sent).changed(new AuditLog.Change(name, null,
                    Map.of("test", sent.delivered() ? "delivered" : "failed")));
        });
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
