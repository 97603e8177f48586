package io.bactrian.channel;

import java.nio.file.Path;
import java.time.Clock;

import org.apache.camel.CamelContext;

/**
 * What every sender shares: how to post, how to word an alert, the clock its signatures
 * and timestamps come from (fixed in tests so signatures can be checked), and the
 * application's services a sink may need.
 */
public record SendContext(HttpPoster poster, AlertText text, Clock clock, Services services) {

    /**
     * The application's services: Camel (camel-mail's endpoint for SMTP) and the data folder
     * (the local mailbox); {@code camel} is null in tests of sinks that need neither.
     */
    public record Services(CamelContext camel, Path dataDir) {
    }

    public SendContext(HttpPoster poster, AlertText text, Clock clock) {
        this(poster, text, clock, new Services(null, Path.of("data")));
    }

    /** Default timeouts, Chinese text, the system clock in UTC. */
    public static SendContext defaults() {
        return new SendContext(HttpPoster.defaults(), AlertText.chinese(), Clock.systemUTC());
    }
}
