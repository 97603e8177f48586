package io.bactrian.deploy;

import static io.bactrian.deploy.FunctionPlatform.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bactrian.core.Digests;
import io.bactrian.cron.CronSchedule;
import io.bactrian.cron.CronTranslator;
import io.bactrian.cron.PlatformCron;
import io.bactrian.cron.ShippedCrons;
import io.bactrian.testing.MonitorProcess;
import io.bactrian.testing.MonitorProcess.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code function-descriptors} on a copy of the project: the s.yaml and serverless.yml it writes,
 * read back as YAML, hold one timer per schedule whose payload names the monitors it fires, and
 * each timer's cron, read as the platform reads it, fires when the monitors' crons say.
 */
class FunctionDescriptorsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZonedDateTime FROM = ZonedDateTime.parse("2026-12-30T15:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheShippedConfiguration() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "bactrian.time-zone", "Asia/Shanghai");
        // the two demo routes of their own: one alone on its cron, one sharing the list's
        MonitorProcess.setProperty(dir, "demo-site.cron", "0 0 * * * ?");
        MonitorProcess.setProperty(dir, "speed-demo.cron", "0 */5 * * * ? *");
        Files.writeString(dir.resolve("monitors/demo.yaml"), """
                defaults:
                  kind: http
                monitors:
                  - id: shop
                    url: http://127.0.0.1:9/health
                    cron: "0 */5 * * * ?"
                  - id: api
                    url: http://127.0.0.1:9/api
                    cron: "*/5 * * * *"
                  - id: nightly
                    url: http://127.0.0.1:9/report
                    cron: "0 0 3 * * MON-FRI"
                    time-zone: UTC
                """);
    }

    private Result descriptors(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(dir.resolve("application.properties").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FunctionDescriptorsCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    private static String name(String cron) {
        return "timer-" + Digests.sha256Hex(cron).substring(0, 8);
    }

    private static Map<String, Object> fcTimer(String cron, String payload) {
        return map("triggerName", name(cron), "triggerType", "timer", "qualifier", "LATEST",
                "triggerConfig", map("cronExpression", cron, "enable", true, "payload", payload));
    }

    private static Map<String, Object> scfTimer(String cron, String payload) {
        return map("timer", map("parameters", map("name", name(cron), "cronExpression", cron, "enable", true,
                "argument", payload)));
    }

    @Test
    void functionComputeSYaml() throws Exception {
        Result result = descriptors("--platform", "fc", "--out", dir.resolve("fc").toString(), "--region", "cn-shanghai",
                "--env", "BACTRIAN_DATA_DIR=/mnt/auto/bactrian");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(dir.resolve("fc/s.yaml") + ": 3 timers for 5 monitors"), result.stdout());
        Map<String, Object> expected = map(
                "edition", "3.0.0",
                "name", "bactrian",
                "access", "default",
                "resources", map("bactrian", map("component", "fc3", "props", map(
                        "region", "cn-shanghai",
                        "functionName", "bactrian",
                        "description", "bactrian monitors, run by their timers",
                        "runtime", "custom.debian10",
                        "code", "..",
                        "customRuntimeConfig", map("command", List.of("/code/bootstrap"), "port", 9000),
                        "memorySize", 1024,
                        "timeout", 120,
                        "environmentVariables", map("CAMEL_SERVER_ENABLED", "false",
                                "BACTRIAN_DATA_DIR", "/mnt/auto/bactrian"),
                        "triggers", List.of(
                                fcTimer("CRON_TZ=Asia/Shanghai 0 0 * * * *", "{\"monitors\":[\"demo-site\"]}"),
                                fcTimer("CRON_TZ=Asia/Shanghai 0 */5 * * * *",
                                        "{\"monitors\":[\"api\",\"shop\",\"speed-demo\"]}"),
                                fcTimer("0 0 3 * * MON-FRI", "{\"monitors\":[\"nightly\"]}"))))));
        assertEquals(expected, yaml(dir.resolve("fc/s.yaml")));
    }

    @Test
    void functionComputeRunsAnImageWithTheFunctionCommand() throws Exception {
        Result result = descriptors("--platform", "fc", "--out", dir.toString(), "--image",
                "registry.cn-hangzhou.aliyuncs.com/shop/bactrian:1", "--env", "CAMEL_SERVER_ENABLED=true");
        assertEquals(0, result.exitCode(), result.toString());
        Map<?, ?> props = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) yaml(dir.resolve("s.yaml")).get("resources"))
                .get("bactrian")).get("props");
        assertEquals("custom-container", props.get("runtime"));
        assertEquals(map("image", "registry.cn-hangzhou.aliyuncs.com/shop/bactrian:1", "command", List.of("function"),
                "port", 9000), props.get("customContainerConfig"));
        assertFalse(props.containsKey("code"));
        assertEquals(map("CAMEL_SERVER_ENABLED", "true"), props.get("environmentVariables"), "the server as given");
        Result scf = descriptors("--platform", "scf", "--image", "x");
        assertEquals(2, scf.exitCode());
        assertEquals(List.of("function-descriptors: --image is for --platform fc (see 'function-descriptors --help')"),
                scf.stderr());
    }

    @Test
    void scfServerlessYmlInUtcPlusEight() throws Exception {
        // a route that is not started fires nothing, as do the shipped ones whose precondition is false
        Files.writeString(dir.resolve("routes/paused.yaml"), """
                - route:
                    id: "paused"
                    autoStartup: false
                    from:
                      uri: "schedule:paused"
                      parameters:
                        cron: "0 0 1 * * ?"
                      steps:
                        - log: "paused"
                """);
        Result result = descriptors("--platform", "scf", "--out", dir.toString(), "--name", "shop-monitors");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, Object> expected = map(
                "component", "scf",
                "name", "shop-monitors",
                "inputs", map(
                        "name", "shop-monitors",
                        "src", ".",
                        "handler", "bactrian.function",
                        "runtime", "CustomRuntime",
                        "region", "ap-guangzhou",
                        "memorySize", 1024,
                        "timeout", 120,
                        "initTimeout", 30,
                        "environment", map("variables", map("CAMEL_SERVER_ENABLED", "false")),
                        "events", List.of(
                                scfTimer("0 0 * * * * *", "{\"monitors\":[\"demo-site\"]}"),
                                scfTimer("0 */5 * * * * *", "{\"monitors\":[\"api\",\"shop\",\"speed-demo\"]}"),
                                // 03:00 UTC on weekdays is 11:00 the same day in UTC+8
                                scfTimer("0 0 11 * * 1-5 *", "{\"monitors\":[\"nightly\"]}"))));
        assertEquals(expected, yaml(dir.resolve("serverless.yml")));
    }

    /** Each shipped cron as a monitor of its own; FC refuses those firing more than once a minute or with L, W or #. */
    @Test
    void everyShippedCronThroughBothDescriptorsAndBack() throws Exception {
        Files.delete(dir.resolve("routes/demo-site.yaml"));
        Files.delete(dir.resolve("routes/speed-test.yaml"));
        Map<String, String> crons = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder("defaults:\n  kind: http\n  url: http://127.0.0.1:9/\nmonitors:\n");
        for (String cron : ShippedCrons.all()) {
            String id = String.format("cron-%02d", crons.size() + 1);
            crons.put(id, cron);
            list.append("  - id: ").append(id).append("\n    cron: \"").append(cron).append("\"\n");
        }
        Files.writeString(dir.resolve("monitors/demo.yaml"), list);

        assertEquals(0, descriptors("--platform", "scf", "--out", dir.toString()).exitCode());
        int fired = 0;
        for (Object event : (List<?>) ((Map<?, ?>) yaml(dir.resolve("serverless.yml")).get("inputs")).get("events")) {
            Map<?, ?> timer = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) event).get("timer")).get("parameters");
            fired += sameFires(crons, (String) timer.get("cronExpression"), PlatformCron.SCF_ZONE,
                    (String) timer.get("argument"));
        }
        assertEquals(crons.size(), fired, "every monitor on one SCF timer");

        Result refused = descriptors("--platform", "fc", "--out", dir.resolve("fc").toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        List<String> lines = refused.stderr().stream().filter(l -> l.startsWith("monitors/demo.yaml: ")).toList();
        assertFalse(lines.isEmpty(), refused.toString());
        for (String line : lines) {
            assertTrue(line.matches("monitors/demo\\.yaml: monitor 'cron-\\d\\d': cron: '.*' \\(in Asia/Shanghai\\): (second"
                    + " field '.*': Function Compute fires at most once a minute, at one second: write one number, such"
                    + " as 0|day field '.*': Function Compute has no 'L' or 'W'|weekday field '.*': Function Compute has"
                    + " no 'L' or '#')"), line);
        }
        assertFalse(Files.exists(dir.resolve("fc/s.yaml")), "nothing written when a schedule cannot be said");
        // without them FC takes every other one
        String refusedIds = lines.stream().map(l -> l.substring(l.indexOf('\'') + 1, l.indexOf("': cron"))).toList().toString();
        crons.keySet().removeIf(refusedIds::contains);
        StringBuilder minutely = new StringBuilder("defaults:\n  kind: http\n  url: http://127.0.0.1:9/\nmonitors:\n");
        crons.forEach((id, cron) -> minutely.append("  - id: ").append(id).append("\n    cron: \"").append(cron)
                .append("\"\n"));
        Files.writeString(dir.resolve("monitors/demo.yaml"), minutely);
        assertEquals(0, descriptors("--platform", "fc", "--out", dir.resolve("fc").toString()).exitCode());
        fired = 0;
        Map<?, ?> props = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) yaml(dir.resolve("fc/s.yaml")).get("resources"))
                .get("bactrian")).get("props");
        for (Object trigger : (List<?>) props.get("triggers")) {
            Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) trigger).get("triggerConfig");
            fired += sameFires(crons, (String) config.get("cronExpression"), ZoneId.of("UTC"),
                    (String) config.get("payload"));
        }
        assertEquals(crons.size(), fired, "every remaining monitor on one FC timer");
    }

    /** Checks the timer fires as each monitor of its payload; returns how many monitors it names. */
    private static int sameFires(Map<String, String> crons, String timerCron, ZoneId platformZone, String payload)
            throws Exception {
        CronSchedule timer = CronTranslator.translate(timerCron);
        List<Instant> timerFires = timer.nextFireTimes(FROM, timer.zoneOr(platformZone), 100).stream()
                .map(ZonedDateTime::toInstant).toList();
        List<?> monitors = (List<?>) new ObjectMapper().readValue(payload, Map.class).get("monitors");
        for (Object id : monitors) {
            List<Instant> own = CronTranslator.translate(crons.get((String) id)).nextFireTimes(FROM, SHANGHAI, 100)
                    .stream().map(ZonedDateTime::toInstant).toList();
            assertEquals(own, timerFires, id + " '" + crons.get((String) id) + "' on the timer '" + timerCron + "'");
        }
        return monitors.size();
    }

    @Test
    void aScheduleThePlatformCannotSayIsOneLineNamingFileMonitorAndField() throws Exception {
        Files.writeString(dir.resolve("monitors/demo.yaml"), """
                defaults:
                  kind: http
                monitors:
                  - id: month-end
                    url: http://127.0.0.1:9/close
                    cron: "0 0 12 L * ?"
                """);
        Result result = descriptors("--platform", "fc", "--out", dir.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("monitors/demo.yaml: monitor 'month-end': cron: '0 0 12 L * ?' (in Asia/Shanghai):"
                + " day field 'L': Function Compute has no 'L' or 'W'", "1 problem(s) found"), result.stderr());
        assertFalse(Files.exists(dir.resolve("s.yaml")));
        // SCF's timers know L
        assertEquals(0, descriptors("--platform", "scf", "--out", dir.toString()).exitCode());
    }
}
