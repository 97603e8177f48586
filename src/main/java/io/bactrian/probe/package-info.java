/**
 * An HTTP/1.1 probe with per-phase timings (DNS, connect, TLS, time to first byte, download),
 * in the manner of {@code curl -w} and blackbox_exporter: one fresh connection per request, one
 * overall deadline, and failures classified by kind and phase instead of thrown.
 *
 * <p>Entry point: {@link io.bactrian.probe.HttpProbe#probe(io.bactrian.probe.ProbeRequest)}.
 */
package io.bactrian.probe;
