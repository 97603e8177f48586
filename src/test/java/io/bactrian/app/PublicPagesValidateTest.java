package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on the public status pages (status-pages.yaml): each mistake one line naming
 * the file, the page and the field, checked against the monitor lists.
 */
class PublicPagesValidateTest {
    @TempDir
    Path dir;

    @BeforeEach
    void aProjectWithAShopGroup() throws Exception {
        MonitorProcess.copyProject(dir);
        Files.writeString(dir.resolve("monitors/shop.yaml"), """
                defaults:
                  kind: http
                  cron: "0 */5 * * * ? *"
                monitors:
                  - { id: shop, url: "http://127.0.0.1:9/", group: 网店 }
                  - { id: admin, url: "http://127.0.0.1:9/admin", group: 网店, private: true }
                """);
    }

    private List<String> problems(String pages) throws Exception {
        Files.writeString(dir.resolve("status-pages.yaml"), pages);
        String result = MonitorProcess.validate(dir);
        assertTrue(result.startsWith("2\n"), result);
        return result.lines().filter(l -> l.startsWith("status-pages.yaml")).toList();
    }

    @Test
    void aGoodFileIsValid() throws Exception {
        Files.writeString(dir.resolve("status-pages.yaml"), """
                - slug: shop
                  title: 网店状态
                  groups: [网店]
                  monitors: [shop]
                  announcements:
                    - { at: "2026-12-07 10:00", severity: critical, text: 支付中断, pinned: true }
                """);
        String result = MonitorProcess.validate(dir);
        assertTrue(result.startsWith("0\n"), result);
    }

    @Test
    void unknownMonitorsAndGroupsAPrivateMonitorAndASecondSlug() throws Exception {
        assertEquals(List.of(
                "status-pages.yaml: page 'shop': groups: no monitor is in group 'shopp'",
                "status-pages.yaml: page 'shop': monitors: no enabled monitor 'shop-api' in the monitor lists",
                "status-pages.yaml: page 'shop': monitors: monitor 'admin' is private: never shown on a public page",
                "status-pages.yaml: page 'shop': slug: a second page has this slug"), problems("""
                - slug: shop
                  groups: [shopp]
                  monitors: [shop-api, admin]
                - slug: shop
                  groups: [网店]
                """));
    }

    @Test
    void badAnnouncementsAndKeys() throws Exception {
        assertEquals(List.of(
                "status-pages.yaml: page 'Shop': slug: 'Shop': lower-case letters, digits and '-' only (it is the page's address)",
                "status-pages.yaml: page 'Shop': titel: unknown key (known: announcements, description, groups, monitors, slug, title)",
                "status-pages.yaml: page 'Shop': announcements[0]: at: '7 Dec 2026' is not a time such as"
                        + " 2026-12-07T10:00:00+08:00 or 2026-12-07 10:00",
                "status-pages.yaml: page 'Shop': announcements[1]: severity: 'red': must be one of info, warning, critical",
                "status-pages.yaml: page 'Shop': announcements[1]: text: is not set"), problems("""
                - slug: Shop
                  titel: Shop
                  groups: [网店]
                  announcements:
                    - { at: "7 Dec 2026", text: "down" }
                    - { at: "2026-12-07T10:00:00Z", severity: red }
                """));
    }

    @Test
    void startUpStopsWithTheLineValidatePrints() throws Exception {
        Files.writeString(dir.resolve("status-pages.yaml"), "- slug: shop\n  monitors: [nope]\n");
        String problem = "status-pages.yaml: page 'shop': monitors: no enabled monitor 'nope' in the monitor lists";
        Result run = MonitorProcess.run(dir, Duration.ofSeconds(60),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "run");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().stream().anyMatch(l -> l.strip().equals(problem)), problem + "\n" + run);
    }
}
