package io.camelmonitor.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.CheckResult;

/**
 * An alert as a queued outbox file. The probe's own result object stays out: the channels
 * do not show it, and the file must read back whatever kind of probe raised the alert.
 */
final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(CheckResult.class, NoDetail.class);

    private abstract static class NoDetail {
        @JsonIgnore
        abstract Object detail();
    }

    private AlertJson() {
    }

    static String write(AlertEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static AlertEvent read(String json) {
        try {
            return MAPPER.readValue(json, AlertEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
