package io.bactrian.endpoint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bactrian.monitor.Monitor;
import io.bactrian.monitor.MonitorCatalog;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A kind's step: runs each monitor through a producer of its own, made on its first check and
 * kept until the monitor changes or goes, so a check costs a map lookup.
 */
final class PerMonitorProducer extends DefaultProducer implements MonitorCatalog.Listener {
    private record Made(Monitor monitor, Endpoint endpoint, Producer producer) {
    }

    private final Map<String, Made> made = new ConcurrentHashMap<>();
    /**
     * A monitor's producer is made once, under the lock of its stripe: under one lock for all,
     * the first checks of thousands of monitors (all of them, on each replica) waited in line.
     */
    private final Object[] locks = new Object[64];
    private MonitorCatalog catalog;

    PerMonitorProducer(Endpoint endpoint) {
        super(endpoint);
        Arrays.setAll(locks, i -> new Object());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        catalog = getEndpoint().getCamelContext().getRegistry().findSingleByType(MonitorCatalog.class);
        if (catalog != null) {
            catalog.listen(this);
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Monitor monitor = Monitor.of(exchange);
        if (monitor == null) {
            throw new IllegalStateException(getEndpoint().getEndpointBaseUri()
                    + " checks the monitors of a monitor list (monitors/*.yaml), from a kind's route (schedule:<kind>)");
        }
        Made m = made.get(monitor.id());
        if (m == null || !m.monitor().equals(monitor)) {
            m = make(monitor);
        }
        m.producer().process(exchange);
        if (catalog != null && catalog.get(monitor.id()) == null) {
            drop(monitor.id()); // removed while it was being checked: made again above, not kept
        }
    }

    private Made make(Monitor monitor) throws Exception {
        synchronized (locks[Math.floorMod(monitor.id().hashCode(), locks.length)]) {
            Made m = made.get(monitor.id());
            if (m != null && m.monitor().equals(monitor)) {
                return m;
            }
            Endpoint endpoint = PerMonitor.endpointFor(getEndpoint(), monitor, new HashSet<>());
            ServiceHelper.startService(endpoint);
            Producer producer;
            try {
                producer = endpoint.createProducer();
                ServiceHelper.startService(producer);
            } catch (Exception e) {
                ServiceHelper.stopAndShutdownService(endpoint);
                throw e;
            }
            Made next = new Made(monitor, endpoint, producer);
            Made old = made.put(monitor.id(), next);
            if (old != null) {
                stop(old);
            }
            return next;
        }
    }

    /** A monitor that changed or went: its producer (and what it holds: pools, clients) goes. */
    @Override
    public void changed(MonitorCatalog.Change change) {
        change.removed().forEach(m -> drop(m.id()));
        change.changed().forEach(m -> drop(m.id()));
    }

    private void drop(String id) {
        Made old = made.remove(id);
        if (old != null) {
            stop(old);
        }
    }

    private static void stop(Made m) {
        ServiceHelper.stopAndShutdownServices(m.producer(), m.endpoint());
    }

    @Override
    protected void doStop() throws Exception {
        if (catalog != null) {
            catalog.unlisten(this);
        }
        made.values().forEach(PerMonitorProducer::stop);
        made.clear();
        super.doStop();
    }
}
