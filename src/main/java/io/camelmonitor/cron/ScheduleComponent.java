package io.camelmonitor.cron;

import java.util.Map;

import io.camelmonitor.history.Database;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code schedule:<label>?cron=<SCF, FC or crontab expression>&timeZone=Asia/Shanghai}: a
 * Quartz timer that takes the expressions users paste from serverless platforms.
 */
public class ScheduleComponent extends DefaultComponent {
    private Boolean clustered;
    private FireClaims claims;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ScheduleEndpoint endpoint = new ScheduleEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.schedule(); // a bad expression fails the route at start-up
        return endpoint;
    }

    /**
     * Whether the schedules are shared with other instances through the database
     * ({@code cluster.enabled}); the first schedule that asks sets Quartz up for it.
     */
    synchronized boolean clustered() throws Exception {
        if (clustered == null) {
            boolean on = Boolean.parseBoolean(getCamelContext().resolvePropertyPlaceholders("{{cluster.enabled:false}}").trim());
            if (on) {
                QuartzCluster.install(getCamelContext());
                claims = new FireClaims(Database.of(getCamelContext()));
            }
            clustered = on;
        }
        return clustered;
    }

    /** Where the instances claim each fire time before running it; only when {@link #clustered()}. */
    synchronized FireClaims claims() {
        return claims;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (claims != null) {
            claims.close();
        }
        super.doStop();
    }
}
