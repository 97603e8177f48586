package io.camelmonitor.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.camelmonitor.check.ValidateCommand;
import io.camelmonitor.testing.MonitorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} checks the Kafka lag route's settings, with or without Kafka configured. */
class KafkaLagValidateTest {
    @TempDir
    Path dir;

    private String validate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ValidateCommand.run(new String[] {dir.resolve("application.properties").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return code + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badThresholdAndStatusAreNamed() throws Exception {
        MonitorProcess.copyProject(dir);
        MonitorProcess.setProperty(dir, "kafka-lag.thresholds", "orders: lagg > 10");
        String result = validate();
        assertTrue(result.startsWith("2\n"), result);
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-lag: unknown threshold 'lagg' of 'orders'"),
                result);
        assertTrue(result.contains("1 problem(s) found"), result);

        MonitorProcess.setProperty(dir, "kafka-lag.thresholds", "orders: lag > 10");
        MonitorProcess.setProperty(dir, "kafka-lag.alert-statuses", "WARN,ERR");
        result = validate();
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-lag: alertStatuses: unknown status 'ERR'"),
                result);

        MonitorProcess.setProperty(dir, "kafka-lag.alert-statuses", "STALL,STOP");
        MonitorProcess.setProperty(dir, "kafka-lag.commit-times", "yes");
        result = validate();
        assertTrue(result.contains("routes/kafka-lag.yaml: monitor 'kafka-lag': kafka-offsets: "
                + "commitTimes must be true or false, got 'yes'"), result);

        MonitorProcess.setProperty(dir, "kafka-lag.commit-times", "false");
        MonitorProcess.setProperty(dir, "kafka.bootstrap-servers", "127.0.0.1:9");
        // regular expressions with parentheses, bars and an empty exclude survive the endpoint URI
        MonitorProcess.setProperty(dir, "kafka-lag.include", "(orders|billing)-[a-z]{2,}");
        MonitorProcess.setProperty(dir, "kafka-lag.exclude", "");
        result = validate();
        assertEquals("0", result.substring(0, 1), result);
    }
}
