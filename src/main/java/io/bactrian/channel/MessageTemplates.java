package io.bactrian.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The users' own alert texts: files {@code <channel>[.<monitor>].<kind>.<language>.txt} in the
 * templates folder, e.g. {@code wecom.down.zh-CN.txt}, {@code wecom.shop.resolved.en.txt} or
 * {@code mail.down.en.txt}. The first line is the title (a mail's subject), the whole text the
 * chat message (a mail's text is the lines after the subject); {@code ${placeholders}} take the
 * alert's values. A monitor's own file wins over the channel's; without either the built-in
 * text is used.
 */
public final class MessageTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** What a template can say. */
    public static final Set<String> PLACEHOLDERS = Set.of("monitor", "description", "target", "kind", "state",
            "failureClass", "reason", "time", "downSince", "downFor", "table");
    static final Set<String> KINDS = Set.of("down", "reminder", "resolved", "notice");
    public static final Set<String> LANGUAGES = Set.of("zh-CN", "en");
    /** The channel name of mail and its templates. */
    static final String MAIL = "mail";
    /** No templates: the built-in texts. */
    public static final MessageTemplates NONE = new MessageTemplates(Map.of());

    /** File name to text. */
    private final Map<String, String> texts;

    private MessageTemplates(Map<String, String> texts) {
        this.texts = texts;
    }

    /** The templates of {@code dir}, or none when the folder does not exist. */
    public static MessageTemplates load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return NONE;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path file : files(dir)) {
            try {
                texts.put(file.getFileName().toString(), Files.readString(file).strip());
            } catch (IOException e) {
                throw new IllegalStateException(file + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return new MessageTemplates(texts);
    }

    /** Every problem of the templates in {@code dir} for {@code channels}: {@code [file, field, message]} each. */
    public static List<String[]> problems(Path dir, List<String> channels) {
        List<String[]> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return problems;
        }
        for (Path file : files(dir)) {
            String name = file.getFileName().toString();
            String shown = file.toString();
            String[] parts = name.substring(0, name.length() - ".txt".length()).split("\\.");
            if (parts.length < 3 || !channels.contains(parts[0])
                    || !KINDS.contains(parts[parts.length - 2]) || !LANGUAGES.contains(parts[parts.length - 1])) {
                problems.add(new String[] {shown, "file name", "not <channel>[.<monitor>].<kind>.<language>.txt with "
                        + "a channel (" + String.join(", ", channels) + "), kind "
                        + "down, reminder, resolved or notice, language zh-CN or en"});
                continue;
            }
            try {
                String text = Files.readString(file);
                if (text.isBlank()) {
                    problems.add(new String[] {shown, null, "is empty: its first line is the title"});
                }
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group(1))) {
                        problems.add(new String[] {shown, "${" + m.group(1) + "}", "unknown placeholder; known: "
                                + String.join(", ", PLACEHOLDERS.stream().sorted().toList())});
                    }
                }
            } catch (IOException e) {
                problems.add(new String[] {shown, null, "cannot be read: " + e.getMessage()});
            }
        }
        return problems;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(dir + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The template for an alert: the monitor's own, else the channel's; null when neither. */
    String find(String channel, String monitor, String kind, String language) {
        String own = texts.get(channel + "." + monitor + "." + kind + "." + language + ".txt");
        return own != null ? own : texts.get(channel + "." + kind + "." + language + ".txt");
    }

    /** The template with its placeholders filled in; a value that is not known reads "-". */
    static String render(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> {
            String value = values.get(m.group(1));
            return Matcher.quoteReplacement(value == null ? "-" : value);
        });
    }
}
