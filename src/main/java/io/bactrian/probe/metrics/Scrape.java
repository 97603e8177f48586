package io.bactrian.probe.metrics;

import java.time.Instant;

import io.bactrian.probe.PrometheusText;

/** The samples of one scrape and when it was taken; {@code rate(...)} compares two of them. */
public record Scrape(PrometheusText text, Instant at) {
}
