package io.bactrian.core;

import java.util.List;

/**
 * A check result's detail as alerts show it: the column names, then one row per item, each
 * knowing whether it failed, so mail and chat mark failing rows whatever language the names
 * and cells are said in. Names and the check's own words are English; {@link AlertText} says
 * them in the text's language.
 */
public record Table(List<String> header, List<Row> rows) {
    public static final Table NONE = new Table(List.of(), List.of());

    public record Row(List<String> cells, boolean failed) {
    }

    public boolean isEmpty() {
        return header.isEmpty();
    }
}
