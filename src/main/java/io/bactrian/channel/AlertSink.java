package io.bactrian.channel;

import io.bactrian.alert.AlertEvent;

/** A chat, SMS or HTTP service that an alert can be sent to. */
public interface AlertSink {

    /** One attempt; never throws for a failure of the service or the network. */
    Delivery send(AlertEvent event);
}
