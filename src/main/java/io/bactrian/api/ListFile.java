package io.bactrian.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One monitor list's text and where in it each entry is written, so that an entry can be
 * replaced, removed or added by editing its lines alone: the other entries, the comments and
 * the formatting stay as they are.
 *
 * @param name     the file as messages name it ({@code monitors/api.yaml})
 * @param text     the file's text
 * @param entries  the entries of {@code monitors:} in file order
 * @param defaults the file's {@code defaults:}
 * @param append   where a new entry's lines go
 * @param head     what goes before the first entry when the list has none yet ({@code "monitors:\n"} or nothing)
 * @param dash     the column of an entry's {@code -}
 * @param indent   the column of an entry's keys
 */
record ListFile(String name, String text, List<Entry> entries, Map<String, Object> defaults, int append, String head,
                int dash, int indent) {

    /**
     * One entry: its id, its settings as written (id left out) and its lines, from the start of
     * the line of its {@code -} to the end of the line of its last value.
     */
    record Entry(String id, Map<String, Object> values, int start, int end) {
        String block(String text) {
            return text.substring(start, end);
        }
    }

    /** Reads the text; a file the API cannot edit line by line is refused with why. */
    static ListFile parse(String name, String text) {
        Object doc;
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).build();
            doc = new Load(settings).loadFromString(text);
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw ApiError.of(409, name + ": not valid YAML; fix it by hand first");
        }
        if (doc == null || root.isEmpty()) {
            return new ListFile(name, text, List.of(), Map.of(), text.length(), "monitors:\n", 2, 4);
        }
        if (!(doc instanceof Map<?, ?> top) || !(root.get() instanceof MappingNode mapping)) {
            throw ApiError.of(409, name + ": not a mapping with 'monitors:'; fix it by hand first");
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (top.get("defaults") instanceof Map<?, ?> d) {
            d.forEach((k, v) -> defaults.put(String.valueOf(k), v));
        }
        Lines lines = new Lines(text);
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key && key.getValue().equals("monitors")) {
                return entries(name, text, lines, defaults, t, top.get("monitors"));
            }
        }
        return new ListFile(name, text, List.of(), defaults, text.length(), "monitors:\n", 2, 4);
    }

    private static ListFile entries(String name, String text, Lines lines, Map<String, Object> defaults, NodeTuple t,
                                    Object loaded) {
        Node value = t.getValueNode();
        if (value instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
            // "monitors:" with nothing under it: the first entry goes on the next line
            return new ListFile(name, text, List.of(), defaults, lines.endOfLine(lines.offset(t.getKeyNode().getEndMark())),
                    "", 2, 4);
        }
        if (!(value instanceof SequenceNode seq) || seq.getFlowStyle() == FlowStyle.FLOW
                || !(loaded instanceof List<?> items)) {
            throw ApiError.of(409, name + ": 'monitors:' is not a block list ('- id: ...'); write it so by hand first");
        }
        List<Entry> entries = new ArrayList<>();
        int dash = 2;
        int indent = 4;
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            int at = lines.offset(item.getStartMark());
            int start = lines.startOfLine(at);
            String before = text.substring(start, at);
            if (!before.strip().equals("-")) {
                throw ApiError.of(409, name + ": monitors[" + i + "] does not start a line with '- '; write it so by hand first");
            }
            if (i == 0) {
                dash = before.indexOf('-');
                indent = before.length();
            }
            Mark last = lastMark(item);
            int endAt = lines.offset(Optional.of(last));
            int end = last.getColumn() == 0 ? endAt : lines.endOfLine(endAt);
            Map<String, Object> values = new LinkedHashMap<>();
            String id = null;
            if (items.get(i) instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if ("id".equals(String.valueOf(e.getKey()))) {
                        id = e.getValue() == null ? null : String.valueOf(e.getValue()).strip();
                    } else {
                        values.put(String.valueOf(e.getKey()), e.getValue());
                    }
                }
            }
            entries.add(new Entry(id, values, start, end));
        }
        int append = entries.isEmpty() ? lines.endOfLine(lines.offset(t.getKeyNode().getEndMark()))
                : entries.get(entries.size() - 1).end();
        return new ListFile(name, text, entries, defaults, append, "", dash, indent);
    }

    /** Where the last value of a node ends: a block collection ends where its last value does, not at the next token. */
    private static Mark lastMark(Node node) {
        if (node instanceof CollectionNode<?> c && c.getFlowStyle() != FlowStyle.FLOW && !c.getValue().isEmpty()) {
            Object last = c.getValue().get(c.getValue().size() - 1);
            return lastMark(last instanceof NodeTuple tuple ? tuple.getValueNode() : (Node) last);
        }
        return node.getEndMark().orElseThrow();
    }

    Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> id.equals(e.id())).findFirst();
    }

    /** The text with {@code entry}'s lines replaced by {@code block}. */
    String replace(Entry entry, String block) {
        return text.substring(0, entry.start()) + block + text.substring(entry.end());
    }

    /** The text without {@code entry}'s lines. */
    String remove(Entry entry) {
        return replace(entry, "");
    }

    /** The text with {@code block} (whole lines) after the last entry. */
    String add(String block) {
        String before = text.substring(0, append);
        String lead = before.isEmpty() || before.endsWith("\n") ? head : "\n" + head;
        return before + lead + block + text.substring(append);
    }

    /** Offsets in the text of the parser's line and column (counted in code points). */
    private record Lines(String text) {
        int offset(Optional<Mark> mark) {
            Mark m = mark.orElseThrow();
            int at = 0;
            for (int line = 0; line < m.getLine(); line++) {
                at = text.indexOf('\n', at) + 1;
            }
            return text.offsetByCodePoints(at, m.getColumn());
        }

        int startOfLine(int at) {
            return text.lastIndexOf('\n', at - 1) + 1;
        }

        /** Just after the line's newline, or the end of the text. */
        int endOfLine(int at) {
            int nl = text.indexOf('\n', at);
            return nl < 0 ? text.length() : nl + 1;
        }
    }
}
