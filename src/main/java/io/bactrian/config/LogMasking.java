package io.bactrian.config;

import java.util.List;

import io.bactrian.core.SensitiveNames;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.DumpRoutesStrategy;
import org.apache.camel.spi.ExchangeFormatter;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.Tracer;

/**
 * Secrets stay out of the log wherever Camel writes an exchange: the tracer
 * ({@code camel.main.tracing}), log steps and {@code log:} endpoints; and out of the route dumps
 * ({@code camel.main.dump-routes}). Camel's tracer shows the headers as they are, and the requests
 * to the status page and the probe API carry the password or token in their Authorization header.
 * Always on, whatever {@code camel.main.log-mask} says: a secret in the log is never wanted.
 */
public class LogMasking extends MainListenerSupport {
    private MaskingFormatter masking;

    /** Before camel-main configures the route dumps, so that it configures this one. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        masking = SensitiveNames.masking(context);
        MaskedRouteDumps dumps = new MaskedRouteDumps(masking);
        dumps.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(DumpRoutesStrategy.class, dumps);
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        SensitiveNames.add(context, List.of("Authorization"));
        context.setLogMask(true);
        context.getRegistry().bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, masking);
        Tracer tracer = context.getTracer();
        ExchangeFormatter shown = tracer.getExchangeFormatter();
        tracer.setExchangeFormatter(exchange -> masking.format(shown.format(exchange)));
    }
}
