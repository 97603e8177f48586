package io.bactrian.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import io.bactrian.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL reaches the wire byte for byte as the user wrote it, whatever it holds, and
 * {@code validate} judges the same URL that start-up then probes.
 */
class UrlsAsWrittenTest {
    /** Paths and queries that Camel's endpoint URI handling used to change or refuse. */
    private static final List<String> TRICKY = List.of(
            "/wiki/Foo_(bar)?q=a%26b",
            "/wiki/Foo_(bar)?x=%3C",
            "/wiki/Foo_(bar)",
            "/a%2Fb/c?path=%2F&x=a+b&y=c%2Bd",
            "/search?q=(a)&page=2",
            "/p?q=RAW(x)&r=RAW(y)&timeout=1",
            "/%E6%B1%9F%E8%8B%8F?city=%E5%AE%BF%E8%BF%81",
            "/p?discount=100%25&twice=%2525",
            "/p?a=1&&b=2&");

    @TempDir
    Path dir;

    @Test
    void everyUrlIsProbedAsWrittenAndValidateAgrees() throws Exception {
        MonitorProcess.copyProject(dir);
        try (TestServer target = TestServer.answering(200, "ok")) {
            // each URL once through a property (RAW({{key}}) in the template) and once as a template value
            StringBuilder sites = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < TRICKY.size(); i++) {
                MonitorProcess.setProperty(dir, "tricky.url-" + i, target.url(TRICKY.get(i)));
                sites.append(site("by-property-" + i, "{{tricky.url-" + i + "}}"));
                sites.append(site("by-value-" + i, target.url(TRICKY.get(i))));
                expected.add(TRICKY.get(i));
                expected.add(TRICKY.get(i));
            }
            Files.writeString(dir.resolve("routes/sites.yaml"), sites);
            // and through a copied route file, as README shows
            MonitorProcess.setProperty(dir, "demo-site.url", target.url(TRICKY.get(0)));
            expected.add(TRICKY.get(0));

            Result validate = MonitorProcess.run(dir, "validate");
            assertEquals(0, validate.exitCode(), validate.toString());

            List<String> monitors = new ArrayList<>(List.of("once", "demo-site"));
            for (int i = 0; i < TRICKY.size(); i++) {
                monitors.add("by-property-" + i);
                monitors.add("by-value-" + i);
            }
            Result once = MonitorProcess.run(dir, Duration.ofSeconds(90),
                    List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), monitors.toArray(String[]::new));
            assertEquals(0, once.exitCode(), once.toString());
            List<String> sent = target.requests().stream().map(TestServer.Request::target).sorted().toList();
            assertEquals(expected.stream().sorted().toList(), sent);
        }
    }

    @Test
    void aUrlThatCannotBeSentIsRefusedByValidateAsAtStartUp() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "demo-site.url", "http://127.0.0.1:9/wiki/Foo_(bar)?x=<");
        String expected = "routes/demo-site.yaml: monitor 'demo-site': http-probe: url 'http://127.0.0.1:9/wiki/Foo_(bar)?x=<': "
                + "Illegal character in query at index 36: http://127.0.0.1:9/wiki/Foo_(bar)?x=<";
        String validate = MonitorProcess.validate(dir);
        assertTrue(validate.startsWith("2\n") && validate.contains("\n" + expected + "\n"), validate);

        Result once = MonitorProcess.run(dir, Duration.ofSeconds(90),
                List.of("-Dcamel.server.port=" + MonitorProcess.freePort()), "once", "demo-site");
        assertEquals(2, once.exitCode(), once.toString());
        assertTrue(once.err().contains(expected), once.toString());
    }

    /** Camel's YAML loader would send {@code %2526} for this {@code %26}: refused, not probed wrongly. */
    @Test
    void aPercentInALiteralRawValueOfARouteFileIsRefused() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.edit(dir, "routes/demo-site.yaml",
                yaml -> yaml.replace("RAW({{demo-site.url}})", "RAW(http://127.0.0.1:9/search?q=a%26b)"));
        String validate = MonitorProcess.validate(dir);
        assertTrue(validate.startsWith("2\n") && validate.contains("\nroutes/demo-site.yaml: monitor 'demo-site': http-probe: "
                + "url: a % in a RAW(...) value written in the route file is doubled by Camel's YAML loader; put the value"
                + " in application.properties and write RAW({{key}})\n"), validate);
    }

    private static String site(String id, String url) {
        return """
                - templatedRoute:
                    routeTemplateRef: "http-status"
                    routeId: "%s"
                    parameters:
                      - { name: "url", value: "%s" }
                """.formatted(id, url);
    }
}
