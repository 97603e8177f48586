package io.bactrian.probe.page;

/**
 * One piece of a watched page: its text and, when it links somewhere, the absolute link.
 *
 * @param key the text and link with the noise taken out: what is compared between runs
 */
public record Item(String text, String link, String key) {
}
