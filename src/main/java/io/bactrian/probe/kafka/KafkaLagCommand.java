package io.bactrian.probe.kafka;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bactrian.core.DisplayWidth;
import io.bactrian.core.Usage;

/**
 * {@code kafka-lag --bootstrap <servers> [--group <g>]... [--include <regex>] [--exclude <regex>]
 * [--command-config <file>] [--timeout <ms>] [--json]}: the current lag of the groups, once,
 * per partition as {@code kafka-consumer-groups --describe} prints it, then per topic and per
 * group. Exit 0 on success, 1 when Kafka could not be read, 2 on bad arguments.
 */
public final class KafkaLagCommand {
    public static final String HELP = """
            usage: kafka-lag --bootstrap <servers> [--group <g>]... [--include <regex>] [--exclude <regex>]
                             [--command-config <file>] [--timeout <ms>] [--json]

            Prints the current lag of Kafka consumer groups once: per partition, as
            kafka-consumer-groups --describe does, then per topic and per group.
              --bootstrap <servers>    host:port[,host:port...] of the brokers
              --group <g>              a group to read (repeatable); default every group
              --include <regex>        only the groups matching
              --exclude <regex>        not the groups matching
              --command-config <file>  client properties (security.protocol, sasl.*, ssl.*)
              --timeout <ms>           give up after this long (default 10000)
              --json                   JSON instead of the tables
            Exit 0 on success, 1 when Kafka could not be read in time, 2 for bad arguments.
            """;
    private static final String USAGE = "kafka-lag: usage: kafka-lag --bootstrap <servers> [--group <g>]... "
            + "[--include <regex>] [--exclude <regex>] [--command-config <file>] [--timeout <ms>] [--json]"
            + " (see 'kafka-lag --help')";

    private KafkaLagCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        // before logging starts: the client's own warnings would mix with the table or the JSON
        System.setProperty("bactrian.kafka-log-level", System.getProperty("bactrian.kafka-log-level", "ERROR"));
        String bootstrap = null;
        List<String> groups = new ArrayList<>();
        String include = null;
        String exclude = null;
        String config = null;
        long timeout = 10_000;
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap", "--bootstrap-server" -> bootstrap = args[++i];
                    case "--group" -> groups.add(args[++i]);
                    case "--include" -> include = args[++i];
                    case "--exclude" -> exclude = args[++i];
                    case "--command-config" -> config = args[++i];
                    case "--timeout" -> timeout = Long.parseLong(args[++i]);
                    case "--json" -> json = true;
                    default -> {
                        err.println(args[i].startsWith("-") ? Usage.unknown("kafka-lag", args[i])
                                : "kafka-lag: unexpected argument '" + args[i] + "' (see 'kafka-lag --help')");
                        return 2;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println(USAGE);
            return 2;
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            err.println(USAGE);
            return 2;
        }
        Map<String, Object> client = new LinkedHashMap<>();
        GroupSelector selector;
        try {
            selector = GroupSelector.of(String.join(",", groups), include, exclude);
            if (config != null) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(Path.of(config))) {
                    p.load(in);
                }
                p.stringPropertyNames().forEach(k -> client.put(k, p.getProperty(k)));
            }
        } catch (Exception e) {
            err.println("kafka-lag: " + e.getMessage());
            return 2;
        }
        LagReport report;
        try (AdminOffsetSource source = new AdminOffsetSource(bootstrap, client, Duration.ofMillis(timeout))) {
            report = new LagTracker(2, 2, 0, LagThresholds.parse(""), Set.of()).evaluate(source.read(selector));
        } catch (Exception e) {
            err.println("kafka-lag: could not read offsets from " + bootstrap + ": " + e.getMessage());
            return 1;
        }
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(report)));
            } catch (Exception e) {
                err.println("kafka-lag: " + e.getMessage());
                return 1;
            }
        } else {
            print(report, out);
        }
        return 0;
    }

    /** Partitions as kafka-consumer-groups --describe prints them, then topic and group totals. */
    static void print(LagReport report, PrintStream out) {
        List<List<String>> partitions = new ArrayList<>();
        partitions.add(List.of("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID"));
        List<List<String>> topics = new ArrayList<>();
        topics.add(List.of("GROUP", "TOPIC", "PARTITIONS", "NO-OFFSET", "LAG", "MAX-PARTITION-LAG"));
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of("GROUP", "STATE", "TOPICS", "LAG", "MAX-PARTITION-LAG"));
        for (LagReport.GroupLag g : report.groups()) {
            for (LagReport.TopicLag t : g.topics()) {
                for (LagReport.PartitionLag p : t.partitions()) {
                    partitions.add(List.of(g.group(), p.topic(), String.valueOf(p.partition()), LagReport.count(p.committed()),
                            LagReport.count(p.logEnd()), LagReport.count(p.lag()), p.consumer() == null ? "-" : p.consumer()));
                }
                topics.add(List.of(g.group(), t.topic(), String.valueOf(t.partitions().size()), String.valueOf(t.noOffset()),
                        LagReport.count(t.lag()), LagReport.count(t.maxPartitionLag())));
            }
            groups.add(List.of(g.group(), g.state(), String.valueOf(g.topics().size()), LagReport.count(g.lag()),
                    LagReport.count(g.maxPartitionLag())));
        }
        if (report.groups().isEmpty()) {
            out.println("no consumer group found");
            return;
        }
        columns(partitions, out);
        out.println();
        columns(topics, out);
        out.println();
        columns(groups, out);
    }

    private static void columns(List<List<String>> rows, PrintStream out) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], DisplayWidth.of(row.get(i))); // 订单 takes four columns
            }
        }
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == row.size() - 1 ? row.get(i) : DisplayWidth.padRight(row.get(i), width[i] + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    static Map<String, Object> json(LagReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("source", report.source());
        root.put("at", report.at().toString());
        List<Object> groups = new ArrayList<>();
        for (LagReport.GroupLag g : report.groups()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("group", g.group());
            gm.put("state", g.state());
            gm.put("lag", g.lag() < 0 ? null : g.lag());
            gm.put("maxPartitionLag", g.maxPartitionLag() < 0 ? null : g.maxPartitionLag());
            List<Object> topics = new ArrayList<>();
            for (LagReport.TopicLag t : g.topics()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("topic", t.topic());
                tm.put("lag", t.lag() < 0 ? null : t.lag());
                tm.put("maxPartitionLag", t.maxPartitionLag() < 0 ? null : t.maxPartitionLag());
                tm.put("noOffset", t.noOffset());
                List<Object> parts = new ArrayList<>();
                for (LagReport.PartitionLag p : t.partitions()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("partition", p.partition());
                    pm.put("currentOffset", p.committed() < 0 ? null : p.committed());
                    pm.put("logEndOffset", p.logEnd() < 0 ? null : p.logEnd());
                    pm.put("lag", p.lag() < 0 ? null : p.lag());
                    pm.put("consumer", p.consumer());
                    parts.add(pm);
                }
                tm.put("partitions", parts);
                topics.add(tm);
            }
            gm.put("topics", topics);
            groups.add(gm);
        }
        root.put("groups", groups);
        return root;
    }
}
