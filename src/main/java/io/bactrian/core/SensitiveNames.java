package io.bactrian.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.support.processor.DefaultMaskingFormatter;

/**
 * The names whose values Camel masks: in every URI it shows (endpoints, routes, the tracer, errors)
 * and in logged text. Camel masks by a list of words of its own (password, secret, token, ...)
 * and by those added to its context; the secret marks of our components' parameters are not
 * read, so every secret parameter is added here.
 */
public final class SensitiveNames {
    private SensitiveNames() {
    }

    /** Adds the names to those Camel masks in this context. */
    public static synchronized void add(CamelContext context, Collection<String> names) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        String before = extension.getAdditionalSensitiveKeywords();
        Set<String> all = new TreeSet<>();
        if (before != null) {
            for (String word : before.split(",")) {
                if (!word.isBlank()) {
                    all.add(word.strip());
                }
            }
        }
        int known = all.size();
        // every name is added, even one Camel masks already: what Camel masks in URIs is shared by
        // the whole JVM, and a word another context added there would not be masked in this one's text
        for (String name : names) {
            all.add(name.toLowerCase(Locale.ROOT));
        }
        if (all.size() > known) {
            extension.setAdditionalSensitiveKeywords(String.join(",", all));
        }
    }

    /**
     * Masks the values of sensitive names in text ({@code name=value}, JSON, XML), by Camel's
     * words and those added, as they are when it masks: components add theirs as they start.
     */
    public static MaskingFormatter masking(CamelContext context) {
        return new MaskingFormatter() {
            private String words;
            private MaskingFormatter formatter;

            @Override
            public synchronized String format(String text) {
                String now = Objects.toString(context.getCamelContextExtension().getAdditionalSensitiveKeywords(), "");
                if (formatter == null || !now.equals(words)) {
                    formatter = new DefaultMaskingFormatter(context);
                    words = now;
                }
                return formatter.format(text);
            }
        };
    }
}
