package io.bactrian.store;

/** The rows the history keeps; times are epoch milliseconds, latencies milliseconds. */
public final class Rows {
    private Rows() {
    }

    /** The phases of a probe, in the order they happen, then the whole. */
    public static final String[] PHASES = {"dns", "connect", "tls", "ttfb", "download", "total"};

    /** One run of a monitor: its verdict. */
    public record Check(String monitor, long atMs, boolean up, Double totalMs, String failureClass, String reason,
                        String target) {
    }

    /** One node's probe within a run (a plain HTTP monitor has one, from node "local"). */
    public record Probe(String monitor, long atMs, String node, String region, String isp, String ip, int status,
                        boolean ok, double dnsMs, double connectMs, double tlsMs, double ttfbMs, double downloadMs,
                        double totalMs, long sizeBytes, String reason) {

        public double phase(String phase) {
            return switch (phase) {
                case "dns" -> dnsMs;
                case "connect" -> connectMs;
                case "tls" -> tlsMs;
                case "ttfb" -> ttfbMs;
                case "download" -> downloadMs;
                default -> totalMs;
            };
        }
    }

    /**
     * One topic of a Kafka consumer group at one evaluation: lag summed over its partitions
     * (null when none has a committed offset), the largest lag in seconds (null when too little
     * history), the worst Burrow status.
     */
    public record Lag(String monitor, long atMs, String group, String topic, Long lag, Double lagSeconds,
                      String status) {
    }
}
