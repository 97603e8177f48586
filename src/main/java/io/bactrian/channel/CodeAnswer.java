package io.bactrian.channel;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Chinese chat robots answer errors with HTTP 200 and a numeric code in the body, 0 meaning
 * success; only the code tells what happened.
 */
public final class CodeAnswer {
    private CodeAnswer() {
    }

    /**
     * @param retryable the codes that mean "too fast", with how long the service throttles;
     *                  every other non-zero code is a configuration or content error
     */
    public static Delivery judge(HttpPoster.Reply reply, JsonNode body, String codeField, String messageField,
                          Map<Long, Duration> retryable) {
        JsonNode code = body.path(codeField);
        if (!code.isIntegralNumber()) {
            return Delivery.permanent("HTTP " + reply.status() + " without " + codeField);
        }
        long value = code.asLong();
        if (value == 0) {
            return Delivery.delivered();
        }
        // errmsg texts grow hints and links; the first clause says what went wrong
        String reason = codeField + " " + value + ": " + body.path(messageField).asText("").split(", hint")[0];
        Duration wait = retryable.get(value);
        return wait != null ? Delivery.retry(reason, wait) : Delivery.permanent(reason);
    }
}
