package io.bactrian.channel;

import java.util.List;

import io.bactrian.alert.AlertEvent;

/**
 * A service that is told about several alerts in one message: chat robots and SMS, whose
 * readers and rate limits suffer from a storm of single messages, and Alertmanager, which takes
 * a list of alerts in one request.
 */
public interface GroupingSink extends AlertSink {

    /** One attempt to deliver all of {@code events}, oldest first, as one message. */
    Delivery send(List<AlertEvent> events);
}
