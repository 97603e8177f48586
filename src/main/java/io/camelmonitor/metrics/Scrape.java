package io.camelmonitor.metrics;

import java.time.Instant;

/** The samples of one scrape and when it was taken; {@code rate(...)} compares two of them. */
public record Scrape(PrometheusText text, Instant at) {
}
