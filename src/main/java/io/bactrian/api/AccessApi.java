package io.bactrian.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.bactrian.api.ApiCall.Answer;
import io.bactrian.auth.Logins;
import org.apache.camel.Exchange;

/**
 * {@code /api/v1/audit}: who wrote what through the API, for admins; {@code /api/v1/me}: the
 * login a request is made with, so a script or page can tell what it may do.
 */
public final class AccessApi {
    /** Entries listed unless {@code ?limit=} says otherwise, and the most it may say. */
    static final int ENTRIES = 100;
    static final int MOST_ENTRIES = 1000;
    private final ApiCall call;
    private final AuditLog audit;

    public AccessApi(Logins logins, AuditLog audit) {
        this.call = new ApiCall(logins, audit);
        this.audit = audit;
    }

    /** The newest entries first; {@code ?limit=N} (1 to 1000, default 100), {@code ?target=} a monitor's or alert's id. */
    public void audit(Exchange exchange) {
        call.admin(exchange, login -> {
            String limit = exchange.getMessage().getHeader("limit", String.class);
            int n = ENTRIES;
            if (limit != null) {
                if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MOST_ENTRIES) {
                    throw ApiError.field("request", null, "limit", "a whole number from 1 to " + MOST_ENTRIES);
                }
                n = Integer.parseInt(limit);
            }
            String target = exchange.getMessage().getHeader("target", String.class);
            return Answer.json(200, audit.newest(n, target == null || target.isBlank() ? null : target));
        });
    }

    public void me(Exchange exchange) {
        call.whoever(exchange, login -> {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("name", login == null ? null : login.name());
            me.put("role", login == null ? null : login.role().word());
            me.put("via", login == null ? null : login.via());
            me.put("logins", login != null); // false: no login exists, reads are open and writes off
            return Answer.json(200, me);
        });
    }
}
