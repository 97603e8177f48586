package io.camelmonitor.node;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camelmonitor.Usage;
import io.camelmonitor.probe.ProbeRequest;
import io.camelmonitor.probe.ProbeResult;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code probe <url> [--nodes <file>] [--json] [--timeout <ms>]}: one probe from every node now,
 * printed as a table (or a JSON array with {@code node, ip, status, dnsMs, connectMs, tlsMs,
 * ttfbMs, downloadMs, totalMs, sizeBytes, error}). Exit 0 when every node got an answer, 1
 * when any failed, 2 on bad arguments.
 */
public final class ProbeCommand {
    public static final String HELP = """
            usage: probe <url> [--nodes <file>] [--json] [--timeout <ms>]

            Probes the URL once from every node now and prints DNS, connect, TLS, first byte and
            download times per node.
              --nodes <file>    the nodes to probe from (see nodes/); default this machine only
              --json            a JSON array instead of the table
              --timeout <ms>    limit for each node's probe (default 10000)
            Exit 0 when every node got the expected answer (2xx), 1 when any did not, 2 for bad
            arguments.
            """;
    private static final String USAGE = "probe: usage: probe <url> [--nodes <file>] [--json] [--timeout <ms>]"
            + " (see 'probe --help')";

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
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--nodes" -> nodesFile = args[++i];
                    case "--json" -> json = true;
                    case "--timeout" -> timeout = Long.parseLong(args[++i]);
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
        try {
            request = ProbeRequest.builder(url).timeout(Duration.ofMillis(timeout)).build();
            nodes = nodesFile == null ? List.of(Node.local()) : NodeList.load(Path.of(nodesFile), placeholders());
        } catch (Exception e) {
            err.println("probe: " + e.getMessage());
            return 2;
        }
        List<NodeResult> rows = probeAll(nodes, request, prober);
        if (json) {
            printJson(rows, out);
        } else {
            printTable(rows, out);
        }
        return rows.stream().allMatch(r -> r.result().completed()) ? 0 : 1;
    }

    /** Tokens in node files may be placeholders for ./application.properties or the environment. */
    private static java.util.function.UnaryOperator<String> placeholders() {
        DefaultCamelContext context = new DefaultCamelContext();
        if (Files.isRegularFile(Path.of("application.properties"))) {
            context.getPropertiesComponent().setLocation("file:application.properties");
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

    private static void printJson(List<NodeResult> rows, PrintStream out) {
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
            m.put("error", r.completed() ? null : r.failure().toString());
            list.add(m);
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printTable(List<NodeResult> rows, PrintStream out) {
        String format = "%-18s %-15s %6s %9s %8s %9s %8s %11s %10s %9s %11s  %s%n";
        out.printf(Locale.ROOT, format, "node", "ip", "status", "total", "dns", "connect", "tls", "first byte",
                "download", "size", "speed", "error");
        for (NodeResult row : rows) {
            ProbeResult r = row.result();
            double kbps = r.downloadMs() > 0 ? r.sizeBytes() / r.downloadMs() * 1000 / 1024 : 0;
            out.printf(Locale.ROOT, format, row.label(), r.ip() == null ? "-" : r.ip(), r.status() == 0 ? "-" : r.status(),
                    ms(r.totalMs()), ms(r.dnsMs()), ms(r.connectMs()), ms(r.tlsMs()), ms(r.ttfbMs()), ms(r.downloadMs()),
                    r.sizeBytes() + " B", String.format(Locale.ROOT, "%.0f KB/s", kbps),
                    r.completed() ? "" : r.failure().toString());
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }
}
