package io.bactrian.channel;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bactrian.alert.AlertEvent;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;

/**
 * An alert as a queued outbox file. The probe's own result object stays out (the file must
 * read back whatever kind of probe raised the alert); its per-row table, which chat messages
 * show, goes in as rendered text.
 */
final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(CheckResult.class, NoDetail.class)
            .addMixIn(Table.class, TableData.class);

    private abstract static class NoDetail {
        @JsonIgnore
        abstract Object detail();
    }

    /** A table's columns and rows; whether it is empty follows from them. */
    private abstract static class TableData {
        @JsonIgnore
        abstract boolean isEmpty();
    }

    private AlertJson() {
    }

    /** A table read back from a queued alert. */
    record RenderedTable(Table table) implements TableDetail {
    }

    static String write(AlertEvent event) {
        try {
            ObjectNode tree = MAPPER.valueToTree(event);
            Table table = AlertMail.table(event);
            if (!table.isEmpty()) {
                tree.set("table", MAPPER.valueToTree(table));
            }
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static AlertEvent read(String json) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
            JsonNode table = tree.remove("table");
            AlertEvent e = MAPPER.treeToValue(tree, AlertEvent.class);
            if (table == null || e.result() == null) {
                return e;
            }
            CheckResult r = e.result();
            CheckResult withTable = new CheckResult(r.monitor(), r.target(), r.at(), r.up(), r.failureClass(), r.reason(),
                    r.summary(), new RenderedTable(table.isArray() ? earlier(table) : MAPPER.treeToValue(table, Table.class)));
            return new AlertEvent(e.kind(), e.monitor(), e.target(), e.at(), e.downSince(), e.failureClass(), e.reason(),
                    withTable, e.description());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** A table as alerts queued by earlier versions wrote it, header row first: its rows are shown unmarked. */
    private static Table earlier(JsonNode table) {
        List<List<String>> rows = MAPPER.convertValue(table, new TypeReference<List<List<String>>>() { });
        return rows.isEmpty() ? Table.NONE : new Table(rows.get(0),
                rows.subList(1, rows.size()).stream().map(cells -> new Table.Row(cells, false)).toList());
    }
}
