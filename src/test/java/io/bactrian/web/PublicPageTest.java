package io.bactrian.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bactrian.monitor.Monitor;
import org.junit.jupiter.api.Test;

/** Which running monitors a public page shows. */
class PublicPageTest {
    private static Monitor monitor(String id, Map<String, String> settings) {
        return new Monitor(id, "http", "monitors/demo.yaml", settings);
    }

    @Test
    void monitorsWithoutAGroupAreShownWhenNamedAndPrivateOnesNever() {
        List<Monitor> running = List.of(monitor("health", Map.of()), monitor("shop", Map.of("group", "web")),
                monitor("vault", Map.of("group", "web", "private", "true")), monitor("other", Map.of()));
        PublicPage named = new PublicPage("shop", "商城", "", Set.of(), List.of("health"), List.of());
        assertEquals(List.of("health"), named.members(running).stream().map(Monitor::id).toList());
        PublicPage grouped = new PublicPage("web", "Web", "", Set.of("web"), List.of("health"), List.of());
        assertEquals(List.of("health", "shop"), grouped.members(running).stream().map(Monitor::id).toList());
    }
}
