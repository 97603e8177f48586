package io.bactrian.channel;

import java.util.function.Function;

import io.bactrian.core.Table;

/**
 * How a chat service marks up an alert's message.
 *
 * @param bold      "**" for most services, "*" for Slack
 * @param lineBreak what ends a line of facts: "\n", or "\n\n" where a single line break joins
 *                  lines into one paragraph, as in standard markdown
 * @param table     the per-row table as the service shows it
 */
public record Markup(String bold, String lineBreak, Function<Table, String> table) {

    /** Lines as written, tables as markdown tables. */
    public static Markup markdown(String bold) {
        return new Markup(bold, "\n", NodeTable::markdown);
    }
}
