package io.bactrian.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.core.Digests;

/**
 * One timer of a function: the platform's cron and the monitors each of its fires runs, named in
 * the payload {@code {"monitors":["id1","id2"]}} the function mode reads.
 *
 * @param name named after the cron, so a trigger keeps its name while monitors come and go
 */
record TimerTrigger(String name, String cron, List<String> monitors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    TimerTrigger(String cron, List<String> monitors) {
        this("timer-" + Digests.sha256Hex(cron).substring(0, 8), cron, List.copyOf(monitors));
    }

    String payload() {
        try {
            return JSON.writeValueAsString(Map.of("monitors", monitors));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
