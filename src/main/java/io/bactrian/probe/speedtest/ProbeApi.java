package io.bactrian.probe.speedtest;

import java.util.Locale;

import io.bactrian.probe.HttpProbe;
import io.bactrian.probe.ProbeRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code POST /api/probe}: runs a probe for another bactrian, which uses this deployment
 * as a node in its region. Answers the probe result as JSON (see {@link ProbeWire}); 401
 * without the right bearer token, 400 for a request that cannot be probed, 403 for a target
 * in a private network unless those are allowed, 415 for a form ({@code curl -d} without
 * {@code -H 'Content-Type: application/json'}): the server has parsed a form's body, decoding
 * {@code +} and {@code %XX}, so the JSON in it, URL included, is no longer as sent. A request
 * asking for more body, time or redirects than the node's {@link ProbeLimits} gets the limits,
 * and its answer says which.
 */
public class ProbeApi {
    private final BearerToken token;
    private final boolean allowPrivateTargets;
    private final ProbeLimits limits;
    private final HttpProbe probe;

    public ProbeApi(String token, boolean allowPrivateTargets, ProbeLimits limits) {
        this.token = new BearerToken(token);
        this.allowPrivateTargets = allowPrivateTargets;
        this.limits = limits;
        // the guard checks every hop, so a public target cannot redirect the probe to a private one
        this.probe = allowPrivateTargets ? new HttpProbe() : new HttpProbe(PrivateTargets.PUBLIC_ONLY);
    }

    /** Sets the response of the exchange. */
    public void answer(Exchange exchange) {
        Message in = exchange.getMessage();
        String authorization = in.getHeader("Authorization", String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        in.removeHeaders("*"); // the request's headers, the token among them, are not echoed back
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (!token.accepts(authorization)) {
            reply(in, 401, ProbeWire.error(token.configured() ? "missing or wrong bearer token"
                    : "the probe API is disabled: probe-api.token is not set on this node"));
            return;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).matches("\\s*(application/x-www-form-urlencoded"
                + "|multipart/form-data)\\b.*")) {
            reply(in, 415, ProbeWire.error("send the JSON body with Content-Type: application/json, not " + contentType
                    + " (curl: add -H 'Content-Type: application/json')"));
            return;
        }
        ProbeRequest request;
        try {
            request = ProbeWire.request(in.getBody(String.class));
        } catch (IllegalArgumentException e) {
            reply(in, 400, ProbeWire.error(e.getMessage()));
            return;
        }
        String refusal = allowPrivateTargets ? null : PrivateTargets.refusal(request.url());
        if (refusal != null) {
            reply(in, 403, ProbeWire.error(refusal));
            return;
        }
        reply(in, 200, ProbeWire.resultJson(probe.probe(limits.cap(request)), limits.lowered(request)));
    }

    private static void reply(Message message, int status, String json) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody(json);
    }
}
