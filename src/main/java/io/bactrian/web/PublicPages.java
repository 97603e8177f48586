package io.bactrian.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.bactrian.history.StatusView;
import io.bactrian.monitor.MonitorCatalog;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the built-in server answers at {@code /status}, {@code /status/<slug>} and {@code /status/<slug>/feed.atom}:
 * the public pages, open without the login. The pages file is read again when it changes, so a
 * new announcement shows without a restart; a page with a problem is left out and the problem logged.
 */
public class PublicPages {
    private static final Logger LOG = LoggerFactory.getLogger(PublicPages.class);
    /** As the status page's: inline style, nothing from elsewhere, no script, not in a frame. */
    private static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    private final Path file;
    private final ZoneId zone;
    private final StatusView view;
    private final MonitorCatalog catalog;
    private final PublicPageHtml html;
    private final AtomFeed feed;
    private FileTime readAt;
    private List<PublicPage> pages = List.of();

    public PublicPages(Path file, ZoneId zone, StatusView view, MonitorCatalog catalog, StatusPage parts) {
        this.file = file;
        this.zone = zone;
        this.view = view;
        this.catalog = catalog;
        this.html = new PublicPageHtml(parts, zone);
        this.feed = new AtomFeed(zone);
    }

    /** {@code /status}: the public pages and the state of each. */
    public void index(Exchange exchange) throws Exception {
        List<PublicStatus> all = new ArrayList<>();
        for (PublicPage p : pages()) {
            all.add(PublicStatus.of(view, p, catalog.all(), 1));
        }
        answer(exchange, "text/html; charset=utf-8", html.index(all, System.currentTimeMillis()));
        exchange.getMessage().setHeader("Content-Security-Policy", CSP);
    }

    public void page(Exchange exchange) throws Exception {
        PublicStatus status = status(exchange);
        if (status != null) {
            answer(exchange, "text/html; charset=utf-8", html.render(status, System.currentTimeMillis()));
            exchange.getMessage().setHeader("Content-Security-Policy", CSP);
        }
    }

    public void feed(Exchange exchange) throws Exception {
        PublicStatus status = status(exchange);
        if (status != null) {
            answer(exchange, "application/atom+xml; charset=utf-8", feed.render(status, System.currentTimeMillis()));
        }
    }

    /** The page the request names with its figures, or null after answering 404. */
    private PublicStatus status(Exchange exchange) throws Exception {
        String slug = exchange.getMessage().getHeader("slug", String.class);
        String number = exchange.getMessage().getHeader("page", String.class);
        int pageNumber = number != null && number.strip().matches("\\d{1,6}") ? Integer.parseInt(number.strip()) : 1;
        for (PublicPage p : pages()) {
            if (p.slug().equals(slug)) {
                return PublicStatus.of(view, p, catalog.all(), pageNumber);
            }
        }
        answer(exchange, "text/plain; charset=utf-8", "no such status page");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        return null;
    }

    /** The pages, read again when the file's time changed. */
    synchronized List<PublicPage> pages() throws IOException {
        FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        if (modified == null) {
            pages = List.of();
        } else if (!modified.equals(readAt)) {
            // the monitors a page names are checked by validate: here a disabled one is only not running
            PublicPagesFile.Loaded loaded = PublicPagesFile.load(file, file.getFileName().toString(), zone, null);
            loaded.problems().forEach(p -> LOG.warn("{}", p));
            pages = loaded.pages();
        }
        readAt = modified;
        return pages;
    }

    private static void answer(Exchange exchange, String type, String body) {
        exchange.getMessage().removeHeaders("*"); // no request header echoes back
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
    }
}
