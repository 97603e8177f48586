package io.bactrian.probe.speedtest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bactrian.core.DisplayWidth;
import io.bactrian.core.Usage;
import io.bactrian.probe.ProbeRequest;
import io.bactrian.probe.ProbeResult;
import io.bactrian.probe.StatusExpectation;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code probe <url> [--nodes <file>] [--json] [--timeout <ms>] [--expect-status <codes>]}: one
 * probe from every node now, printed as a table (or a JSON array with {@code node, ip, status,
 * dnsMs, connectMs, tlsMs, ttfbMs, downloadMs, totalMs, sizeBytes, error}). Exit 0 when every
 * node got an expected answer, 1 when any did not, 2 on bad arguments.
 */
public final class ProbeCommand {
    public static final String HELP = """
            usage: probe <url> [--nodes <file>] [--json] [--timeout <ms>] [--expect-status <codes>]

            Probes the URL once from every node now and prints DNS, connect, TLS, first byte and
            download times per node.
              --nodes <file>           the nodes to probe from (see nodes/); default this machine only
              --json                   a JSON array instead of the table
              --timeout <ms>           limit for each node's probe (default 10000)
              --expect-status <codes>  accepted status codes, e.g. 200,204 or 2xx (default 200, as a monitor's)
            Exit 0 when every node got an accepted answer, 1 when any did not, 2 for bad arguments.
            """;
    private static final String USAGE = "probe: usage: probe <url> [--nodes <file>] [--json] [--timeout <ms>]"
            + " [--expect-status <codes>] (see 'probe --help')";

    private ProbeCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err, NodeProber prober) {
        if (Usage.asked(args)) {
            out.print(HELP);
            return 0;
        }
        String url = null;
        String nodesFile = null;
        boolean json = false;
        long timeout = 10_000;
        String expectStatus = "200";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nodes" -> nodesFile = args[++i];
                    case "--json" -> json = true;
                    case "--timeout" -> timeout = Long.parseLong(args[++i]);
                    case "--expect-status" -> expectStatus = args[++i];
                    default -> {
                        if (args[i].startsWith("-")) {
                            err.println(Usage.unknown("probe", args[i]));
                            return 2;
                        }
                        if (url != null) {
                            err.println("probe: one URL at a time, got '" + url + "' and '" + args[i] + "'");
                            return 2;
                        }
                        url = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println(USAGE);
            return 2;
        }
        if (url == null) {
            err.println(USAGE);
            return 2;
        }
        List<Node> nodes;
        ProbeRequest request;
        StatusExpectation expected;
        try {
            expected = StatusExpectation.parse(expectStatus);
            request = ProbeRequest.builder(url).timeout(Duration.ofMillis(timeout)).build();
            nodes = nodesFile == null ? List.of(Node.local()) : NodeList.load(Path.of(nodesFile), placeholders());
        } catch (Exception e) {
            err.println("probe: " + e.getMessage());
            return 2;
        }
        List<NodeResult> rows = probeAll(nodes, request, prober);
        if (json) {
            printJson(rows, expected, out);
        } else {
            printTable(rows, expected, out);
        }
        return rows.stream().allMatch(r -> error(r.result(), expected) == null) ? 0 : 1;
    }

    /** Why a node's answer is not the expected one, as a monitor would say it; null when it is. */
    private static String error(ProbeResult r, StatusExpectation expected) {
        if (!r.completed()) {
            return r.failure().toString();
        }
        return expected.accepts(r.status()) ? null : "HTTP " + r.status() + " (expected " + expected + ")";
    }

    /** Tokens in node files may be placeholders for ./application.properties or the environment. */
    private static java.util.function.UnaryOperator<String> placeholders() {
        DefaultCamelContext context = new DefaultCamelContext();
        if (Files.isRegularFile(Path.of("application.properties"))) {
            io.bactrian.core.PropertiesFile.readAsUtf8(context.getPropertiesComponent());
            context.getPropertiesComponent().setLocation(
                    io.bactrian.core.PropertiesFile.locations(Path.of("application.properties")));
        }
        return context::resolvePropertyPlaceholders;
    }

    static List<NodeResult> probeAll(List<Node> nodes, ProbeRequest request, NodeProber prober) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nodes.size()));
        try {
            List<Future<List<NodeResult>>> futures = new ArrayList<>();
            for (Node node : nodes) {
                futures.add(pool.submit(() -> prober.probe(node, request)));
            }
            List<NodeResult> rows = new ArrayList<>();
            for (Future<List<NodeResult>> f : futures) {
                rows.addAll(f.get());
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printJson(List<NodeResult> rows, StatusExpectation expected, PrintStream out) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NodeResult row : rows) {
            ProbeResult r = row.result();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", row.label());
            m.put("ip", r.ip());
            m.put("status", r.status());
            m.put("dnsMs", r.dnsMs());
            m.put("connectMs", r.connectMs());
            m.put("tlsMs", r.tlsMs());
            m.put("ttfbMs", r.ttfbMs());
            m.put("downloadMs", r.downloadMs());
            m.put("totalMs", r.totalMs());
            m.put("sizeBytes", r.sizeBytes());
            m.put("error", error(r, expected));
            list.add(m);
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Columns as wide as their widest cell, counted in terminal columns (江苏 takes four). */
    private static void printTable(List<NodeResult> rows, StatusExpectation expected, PrintStream out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("node", "ip", "status", "total", "dns", "connect", "tls", "first byte", "download", "size",
                "speed"));
        List<String> errors = new ArrayList<>();
        for (NodeResult row : rows) {
            ProbeResult r = row.result();
            double kbps = r.downloadMs() > 0 ? r.sizeBytes() / r.downloadMs() * 1000 / 1024 : 0;
            cells.add(List.of(row.label(), r.ip() == null ? "-" : r.ip(), r.status() == 0 ? "-" : String.valueOf(r.status()),
                    ms(r.totalMs()), ms(r.dnsMs()), ms(r.connectMs()), ms(r.tlsMs()), ms(r.ttfbMs()), ms(r.downloadMs()),
                    r.sizeBytes() + " B", String.format(Locale.ROOT, "%.0f KB/s", kbps)));
            errors.add(Objects.requireNonNullElse(error(r, expected), ""));
        }
        int[] width = {18, 15, 6, 9, 8, 9, 8, 11, 10, 9, 11};
        for (List<String> line : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], DisplayWidth.of(line.get(i)));
            }
        }
        for (int n = 0; n < cells.size(); n++) {
            List<String> line = cells.get(n);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                text.append(i < 2 ? DisplayWidth.padRight(line.get(i), width[i]) : DisplayWidth.padLeft(line.get(i), width[i]))
                        .append(' ');
            }
            out.println(text.append(' ').append(n == 0 ? "error" : errors.get(n - 1)).toString().stripTrailing());
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }
}
