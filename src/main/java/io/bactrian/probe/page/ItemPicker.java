package io.bactrian.probe.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Picks the items of a page that matter: the elements a CSS selector matches, the values a
 * JSONPath reads, or the matches of a regular expression (its first group when it has one);
 * with none of the three, the page's whole text is one item. Noise (a regular expression) is
 * taken out of each item before items are compared.
 */
final class ItemPicker {
    private final Evaluator css;
    private final JsonPath jsonPath;
    private final Pattern regex;
    private final Pattern noise;

    ItemPicker(String select, String jsonPath, String regex, String ignore) {
        int set = (blank(select) ? 0 : 1) + (blank(jsonPath) ? 0 : 1) + (blank(regex) ? 0 : 1);
        if (set > 1) {
            throw new IllegalArgumentException("select, jsonPath, regex: set only one of them");
        }
        try {
            this.css = blank(select) ? null : QueryParser.parse(select);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("select '" + select + "': not a CSS selector: " + e.getMessage());
        }
        try {
            this.jsonPath = blank(jsonPath) ? null : JsonPath.compile(jsonPath);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("jsonPath '" + jsonPath + "': " + e.getMessage());
        }
        this.regex = pattern("regex", regex);
        this.noise = pattern("ignore", ignore);
    }

    private static Pattern pattern(String name, String value) {
        try {
            return blank(value) ? null : Pattern.compile(value, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + " '" + value + "': not a regular expression: "
                    + e.getDescription());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** What was picked; empty when the selection matched nothing. */
    List<Item> pick(String body, String pageUrl) {
        List<Item> items = new ArrayList<>();
        if (jsonPath != null) {
            Object value;
            try {
                value = jsonPath.read(body);
            } catch (PathNotFoundException e) {
                return items;
            }
            for (Object v : value instanceof List<?> list ? list : List.of(value)) {
                items.add(item(v instanceof Map<?, ?> || v instanceof List<?> ? JsonPath.parse(v).jsonString()
                        : String.valueOf(v), ""));
            }
        } else if (regex != null) {
            Matcher m = regex.matcher(body);
            while (m.find()) {
                items.add(item(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group(), ""));
            }
        } else {
            Document page = Jsoup.parse(body, pageUrl);
            if (css == null) {
                items.add(item(page.text(), ""));
            } else {
                for (Element e : page.select(css)) {
                    Element a = e.is("a[href]") ? e : e.selectFirst("a[href]");
                    items.add(item(e.text(), a == null ? "" : a.absUrl("href")));
                }
            }
        }
        items.removeIf(i -> i.key().isBlank());
        return items;
    }

    private Item item(String text, String link) {
        String t = text.strip();
        return new Item(t, link, clean(t) + (link.isEmpty() ? "" : " <" + clean(link) + ">"));
    }

    private String clean(String s) {
        String kept = noise == null ? s : noise.matcher(s).replaceAll("");
        return kept.replaceAll("\\s+", " ").strip();
    }
}
