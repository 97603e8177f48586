package io.bactrian.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.bactrian.auth.Logins;
import org.apache.camel.Exchange;

/**
 * The management page ({@code /manage}): one HTML page and its script and style, served from the
 * jar, which do all their work over {@code /api/v1}; nothing is loaded from elsewhere. The page's
 * language is {@code ?lang=}, else the browser's (Accept-Language), en or zh-CN.
 */
public final class ManagePage {
    /** The files the page loads, by the name in its path, with their type. */
    private static final Map<String, String> ASSETS = Map.of("manage.js", "text/javascript; charset=utf-8",
            "messages.js", "text/javascript; charset=utf-8", "manage.css", "text/css; charset=utf-8",
            "channels.js", "text/javascript; charset=utf-8", "queue.js", "text/javascript; charset=utf-8",
            "incidents.js", "text/javascript; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private final Logins auth;
    private final String html;

    public ManagePage(Logins auth) {
        this.auth = auth;
        this.html = resource("manage.html");
    }

    public void page(Exchange exchange) {
        if (allowed(exchange)) {
            answer(exchange, "text/html; charset=utf-8", html.replace("%LANG%", language(
                    exchange.getMessage().getHeader("lang", String.class),
                    exchange.getMessage().getHeader("Accept-Language", String.class))));
        }
    }

    public void asset(Exchange exchange) {
        String name = exchange.getMessage().getHeader("asset", String.class);
        String type = name == null ? null : ASSETS.get(name);
        if (!allowed(exchange)) {
            return;
        }
        if (type == null) {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody("no such file");
            return;
        }
        answer(exchange, type, resource(name));
    }

    /** en or zh-CN: {@code ?lang=} when it is one of them, else the first of Accept-Language that is. */
    static String language(String asked, String accepted) {
        String chosen = asked != null ? asked : accepted == null ? "" : accepted;
        for (String part : chosen.split(",")) {
            String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (tag.startsWith("zh")) {
                return "zh-CN";
            }
            if (tag.startsWith("en")) {
                return "en";
            }
        }
        return "en";
    }

    private boolean allowed(Exchange exchange) {
        if (auth.admits(exchange)) {
            return true;
        }
        Logins.challenge(exchange);
        return false;
    }

    private static void answer(Exchange exchange, String type, String body) {
        exchange.getMessage().removeHeaders("*"); // the request's headers must not echo back (Authorization)
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Content-Security-Policy", POLICY);
        exchange.getMessage().setBody(body);
    }

    private static String resource(String name) {
        try (InputStream in = ManagePage.class.getResourceAsStream("manage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("manage/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
