package io.bactrian.probe.kafka;

import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * The offsets could not be read: the cluster (or the cloud API) is down, refuses us, or does not
 * answer in time. {@code kafka-lag:} turns it into a DOWN of the route's own monitor, so an
 * unreachable cluster is an incident like any other, not only a line in the log.
 */
public record OffsetsUnreadable(String source, Instant at, String reason) {

    static OffsetsUnreadable of(String source, Exception error) {
        // the admin client wraps what went wrong; its message names the wrapper's cause class
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new OffsetsUnreadable(source, Instant.now(), message);
    }
}
