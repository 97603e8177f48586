package io.bactrian.deploy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.cron.CronSchedule;
import io.bactrian.cron.PlatformCron;

/**
 * A function platform's deploy descriptor: its file, its cron dialect, how much its timers' payload
 * may hold, and the document itself, with the field names of the platform's deploy tool.
 */
enum FunctionPlatform {
    /** Alibaba Cloud Function Compute 3.0, deployed by Serverless Devs' fc3 component. */
    FC("fc", "s.yaml", "cn-hangzhou", 128 * 1024) {
        @Override
        String cron(CronSchedule schedule, ZoneId zone) {
            return PlatformCron.functionCompute(schedule, zone);
        }

        @Override
        Map<String, Object> document(Settings s, List<TimerTrigger> timers) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("region", s.region());
            props.put("functionName", s.name());
            props.put("description", "bactrian monitors, run by their timers");
            if (s.image() != null) {
                // fc3's command is the container's arguments: the image's entrypoint runs the jar
                props.put("runtime", "custom-container");
                props.put("customContainerConfig", map("image", s.image(), "command", List.of("function"), "port", PORT));
            } else {
                // the package's bootstrap starts the jar; FC's built-in Java is older than 17
                props.put("runtime", "custom.debian10");
                props.put("code", s.code());
                props.put("customRuntimeConfig", map("command", List.of("/code/bootstrap"), "port", PORT));
            }
            props.put("memorySize", s.memory());
            props.put("timeout", s.timeout());
            if (!s.environment().isEmpty()) {
                props.put("environmentVariables", s.environment());
            }
            props.put("triggers", timers.stream().map(t -> map("triggerName", t.name(), "triggerType", "timer",
                    "qualifier", "LATEST", "triggerConfig", map("cronExpression", t.cron(), "enable", true,
                            "payload", t.payload()))).toList());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("edition", "3.0.0");
            doc.put("name", s.name());
            doc.put("access", "default");
            doc.put("resources", map(s.name(), map("component", "fc3", "props", props)));
            return doc;
        }
    },
    /** Tencent Cloud SCF, deployed by the Serverless Framework's scf component. */
    SCF("scf", "serverless.yml", "ap-guangzhou", 4 * 1024) {
        @Override
        String cron(CronSchedule schedule, ZoneId zone) {
            return PlatformCron.scf(schedule, zone);
        }

        @Override
        Map<String, Object> document(Settings s, List<TimerTrigger> timers) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("name", s.name());
            inputs.put("src", s.code());
            // the custom runtime starts the package's bootstrap, which runs the jar; SCF still wants a handler
            inputs.put("handler", "bactrian.function");
            inputs.put("runtime", "CustomRuntime");
            inputs.put("region", s.region());
            inputs.put("memorySize", s.memory());
            inputs.put("timeout", s.timeout());
            inputs.put("initTimeout", SCF_INIT_TIMEOUT);
            if (!s.environment().isEmpty()) {
                inputs.put("environment", map("variables", s.environment()));
            }
            inputs.put("events", timers.stream().map(t -> map("timer", map("parameters", map("name", t.name(),
                    "cronExpression", t.cron(), "enable", true, "argument", t.payload())))).toList());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("component", "scf");
            doc.put("name", s.name());
            doc.put("inputs", inputs);
            return doc;
        }
    };

    /** The port FC's custom runtime and container send requests to, its default. */
    static final int PORT = 9000;
    /** A JVM with Camel takes seconds to start: SCF's longest initialisation. */
    static final int SCF_INIT_TIMEOUT = 30;

    final String option;
    final String file;
    final String region;
    private final int payloadLimit;

    FunctionPlatform(String option, String file, String region, int payloadLimit) {
        this.option = option;
        this.file = file;
        this.region = region;
        this.payloadLimit = payloadLimit;
    }

    /** The schedule in this platform's cron dialect; what it cannot say throws CronException. */
    abstract String cron(CronSchedule schedule, ZoneId zone);

    /** The descriptor, as a tree of maps and lists in the order it is written. */
    abstract Map<String, Object> document(Settings settings, List<TimerTrigger> timers);

    /** Whether a timer's payload is within what the platform passes. */
    boolean fits(TimerTrigger timer) {
        return timer.payload().getBytes(StandardCharsets.UTF_8).length <= payloadLimit;
    }

    int payloadLimit() {
        return payloadLimit;
    }

    static FunctionPlatform of(String option) {
        for (FunctionPlatform p : values()) {
            if (p.option.equals(option)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--platform '" + option + "' is neither fc nor scf");
    }

    /** A mapping written in the order given: key, value, key, value, ... */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** What the descriptor says of the function besides its timers. */
    record Settings(String name, String region, String code, String image, int memory, int timeout,
                    Map<String, String> environment) {
    }
}
