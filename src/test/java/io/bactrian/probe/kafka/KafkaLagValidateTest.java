package io.bactrian.probe.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.bactrian.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} checks the Kafka lag route's settings, also while it is off (no Kafka configured). */
class KafkaLagValidateTest {
    @TempDir
    Path dir;

    @Test
    void badThresholdAndStatusAreNamed() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "kafka-lag.thresholds", "orders: lagg > 10");
        String result = MonitorProcess.validate(dir);
        assertTrue(result.startsWith("2\n"), "named while the route is off (no kafka.bootstrap-servers): " + result);
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-lag: unknown threshold 'lagg' of 'orders'"),
                result);

        MonitorProcess.setProperty(dir, "kafka.bootstrap-servers", "127.0.0.1:9");
        result = MonitorProcess.validate(dir);
        assertTrue(result.startsWith("2\n"), result);
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-lag: unknown threshold 'lagg' of 'orders'"),
                result);
        assertTrue(result.contains("1 problem(s) found"), result);

        MonitorProcess.setProperty(dir, "kafka-lag.thresholds", "orders: lag > 10");
        MonitorProcess.setProperty(dir, "kafka-lag.alert-statuses", "WARN,ERR");
        result = MonitorProcess.validate(dir);
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-lag: alertStatuses: unknown status 'ERR'"),
                result);

        MonitorProcess.setProperty(dir, "kafka-lag.alert-statuses", "STALL,STOP");
        MonitorProcess.setProperty(dir, "kafka-lag.commit-times", "yes");
        result = MonitorProcess.validate(dir);
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-offsets: "
                + "commitTimes must be true or false, got 'yes'"), result);

        MonitorProcess.setProperty(dir, "kafka-lag.commit-times", "false");
        // regular expressions with parentheses, bars and an empty exclude survive the endpoint URI
        MonitorProcess.setProperty(dir, "kafka-lag.include", "(orders|billing)-[a-z]{2,}");
        MonitorProcess.setProperty(dir, "kafka-lag.exclude", "");
        result = MonitorProcess.validate(dir);
        assertEquals("0", result.substring(0, 1), result);
    }
}
