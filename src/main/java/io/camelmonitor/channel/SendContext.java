package io.camelmonitor.channel;

import java.time.Clock;

/**
 * What every sender shares: how to post, how to word an alert, and the clock its signatures
 * and timestamps come from (fixed in tests so signatures can be checked).
 */
public record SendContext(HttpPoster poster, AlertText text, Clock clock) {

    /** Default timeouts, Chinese text, the system clock in UTC. */
    public static SendContext defaults() {
        return new SendContext(HttpPoster.defaults(), AlertText.chinese(), Clock.systemUTC());
    }
}
