package io.bactrian.probe.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.core.CheckResult;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/** Runs every ready-made query once on a real server through the {@code db-query} component. */
final class ReadyQueriesRun {
    private ReadyQueriesRun() {
    }

    /** Name to the columns each returned, after checking each ran and passed. */
    static Map<String, List<String>> on(String jdbcUrl, String user, String password) throws Exception {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (String name : ReadyQueries.NAMES) {
                CheckResult r = template.requestBody("db-query:" + name + "?jdbcUrl=RAW(" + jdbcUrl + ")&username=" + user
                        + "&password=RAW(" + password + ")&query=" + name, null, CheckResult.class);
                assertTrue(r.up(), name + ": " + r.reason());
                QueryReport report = (QueryReport) r.detail();
                System.out.println(name + ": " + report.table());
                columns.put(name, report.columns());
            }
        }
        assertEquals(ReadyQueries.NAMES, List.copyOf(columns.keySet()));
        return columns;
    }
}
