package io.bactrian.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.impl.DefaultDumpRoutesStrategy;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.Resource;
import org.apache.camel.util.URISupport;

/**
 * Camel's dump of the routes ({@code camel.main.dump-routes}, at start-up and at each reload), its
 * secrets masked: Camel writes the endpoint URIs with their placeholders resolved, a password
 * parameter's value among them, into the log and the dump files as they are.
 */
final class MaskedRouteDumps extends DefaultDumpRoutesStrategy {
    /** An endpoint URI of the XML dump, its {@code &} written {@code &amp;}. */
    private static final Pattern URI = Pattern.compile("(\\buri=\")([^\"]*)(\")");

    private final MaskingFormatter masking;

    MaskedRouteDumps(MaskingFormatter masking) {
        this.masking = masking;
    }

    @Override
    protected void appendLogDump(Resource resource, String dump, StringBuilder sb) {
        super.appendLogDump(resource, mask(dump), sb);
    }

    @Override
    protected void doDumpToDirectory(Resource resource, StringBuilder dump, String kind, String ext, Set<String> files) {
        String masked = mask(dump.toString());
        dump.setLength(0);
        super.doDumpToDirectory(resource, dump.append(masked), kind, ext, files);
    }

    /**
     * The URIs as Camel masks them where it shows one (a parameter's value, RAW() or not, up to the
     * next parameter); the text around them by the log's masking, which would take a URI's further
     * parameters for the secret's value.
     */
    private String mask(String dump) {
        StringBuilder masked = new StringBuilder(dump.length());
        Matcher uri = URI.matcher(dump);
        int end = 0;
        while (uri.find()) {
            masked.append(masking.format(dump.substring(end, uri.start())))
                    .append(uri.group(1)).append(URISupport.sanitizeUri(uri.group(2))).append(uri.group(3));
            end = uri.end();
        }
        return masked.append(masking.format(dump.substring(end))).toString();
    }
}
