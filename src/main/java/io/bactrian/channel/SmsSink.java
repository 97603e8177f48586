package io.bactrian.channel;

import java.util.List;
import java.util.Map;

import io.bactrian.alert.AlertEvent;

/**
 * What the SMS channels share: an alert, or several sent as one, becomes the values a template
 * may take (monitor, state, detail), each cut to the longest a variable of the account takes;
 * the channel's own protocol fills its template with them and sends it.
 */
public abstract class SmsSink implements GroupingSink {
    private final int maxParamChars;
    private final SendContext context;

    protected SmsSink(int maxParamChars, SendContext context) {
        this.maxParamChars = maxParamChars;
        this.context = context;
    }

    @Override
    public final Delivery send(AlertEvent event) {
        return post(context.text().smsParams(event, maxParamChars));
    }

    @Override
    public final Delivery send(List<AlertEvent> events) {
        return post(context.text().groupSmsParams(events, maxParamChars));
    }

    /** One request with the template filled from {@code values}: monitor, state and detail, cut. */
    protected abstract Delivery post(Map<String, String> values);

    protected SendContext context() {
        return context;
    }
}
