package io.bactrian.oneshot;

import java.sql.SQLException;
import java.time.Duration;

import io.bactrian.store.Database;
import io.bactrian.store.RunLock;
import io.bactrian.store.StateStorage;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a run reads and leaves, taken before any route starts: a warning when the next run
 * will not find it, and the H2 file held for the whole run ({@link RunLock}), waited for while an
 * earlier run still has it.
 */
final class OnceState extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(OnceState.class);

    private final Duration wait;
    private RunLock lock;

    /** @param wait how long an earlier run may keep the H2 file: as long as a run may last */
    OnceState(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent props = main.getCamelContext().getPropertiesComponent();
        StateStorage.warnIfForgotten(props);
        try {
            lock = RunLock.take(Database.of(props), wait, LOG::warn);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for the H2 file", e);
        }
    }

    /** Lets the next run have the H2 file: after the run stopped. */
    void release() {
        if (lock != null) {
            try {
                lock.close();
            } catch (SQLException e) {
                LOG.debug("closing the H2 file: {}", e.getMessage());
            }
            lock = null;
        }
    }
}
