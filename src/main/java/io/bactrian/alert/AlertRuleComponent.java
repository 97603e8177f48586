package io.bactrian.alert;

import java.nio.file.Path;

import io.bactrian.endpoint.StepComponent;
import io.bactrian.endpoint.StepEndpoint;
import io.bactrian.store.Database;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code alert-rule:<label>?failureThreshold=3&successThreshold=2&reminderInterval=1h}: turns
 * check results into DOWN / REMINDER / RESOLVED notices, per monitor (the check's route id). The state
 * is kept in the database, so it outlives route reloads and restarts and is shared by instances.
 */
@Component("alert-rule")
public class AlertRuleComponent extends StepComponent {
    private AlertBook book;
    @Metadata(label = "advanced", autowired = false,
              description = "Told of every result that reaches a rule: the once command collects its results so")
    private CheckListener checkListener;

    @Override
    protected StepEndpoint newEndpoint(String uri, String label) {
        return new AlertRuleEndpoint(uri, this, label);
    }

    /** Told of every result that reaches a rule: the {@code once} command collects its results so. */
    public void setCheckListener(CheckListener checkListener) {
        this.checkListener = checkListener;
    }

    public CheckListener getCheckListener() {
        return checkListener;
    }

    /** The alert state of every monitor, opened at the first use. */
    public synchronized AlertBook book() {
        if (book == null) {
            book = new AlertBook(Database.of(getCamelContext()));
            // the state files of earlier versions move into the database once
            String dataDir = getCamelContext().resolvePropertyPlaceholders("{{bactrian.data-dir:data}}");
            book.importFiles(Path.of(dataDir, "state"));
        }
        return book;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (book != null) {
            book.close();
            book = null;
        }
        super.doStop();
    }
}
