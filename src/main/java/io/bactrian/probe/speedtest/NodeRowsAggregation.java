package io.bactrian.probe.speedtest;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.probe.Failure;
import io.bactrian.probe.FailureClass;
import io.bactrian.probe.ProbeResult;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the rows of a split over nodes into one list. A node whose step failed outright
 * still gives a row that says why: no node is ever lost from the report.
 */
public class NodeRowsAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        List<NodeResult> rows = new ArrayList<>();
        if (oldExchange != null) {
            rows.addAll(oldExchange.getMessage().getBody(List.class));
        }
        Exception error = newExchange.getException();
        Object body = newExchange.getMessage().getBody();
        if (error != null || !(body instanceof List<?>)) {
            Node node = body instanceof Node n ? n : Node.local();
            String message = error == null ? "no result" : error.getMessage();
            rows.add(new NodeResult(node, node.displayName(), failed(node, message)));
            newExchange.setException(null);
        } else {
            for (Object row : (List<?>) body) {
                rows.add((NodeResult) row);
            }
        }
        Exchange answer = oldExchange == null ? newExchange : oldExchange;
        answer.getMessage().setBody(rows);
        return answer;
    }

    private static ProbeResult failed(Node node, String message) {
        return new ProbeResult(null, null, 0, null, 0, 0, 0, 0, 0, 0, 0, false, null, java.util.Map.of(), 0, null,
                new Failure(FailureClass.PROTOCOL_ERROR, "node", "probe from " + node.id() + " failed: " + message));
    }
}
