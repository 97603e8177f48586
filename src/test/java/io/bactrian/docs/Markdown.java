package io.bactrian.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The parts of the project's Markdown pages the docs test reads: tables, fenced blocks, links, headings. */
record Markdown(Path file, List<String> lines) {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** A table: its header's first cell, and the first cell of each row. */
    record Table(String firstHeader, List<String> firstCells) {
    }

    /** A fenced block: its language and its lines. */
    record Block(String language, List<String> lines) {
    }

    static Markdown read(Path file) {
        try {
            return new Markdown(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README.md and every page under docs/. */
    static List<Markdown> all() {
        List<Markdown> pages = new ArrayList<>();
        pages.add(read(Path.of("README.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> pages.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.startsWith("|") || i + 1 >= lines.size() || !lines.get(i + 1).startsWith("|---")) {
                continue;
            }
            String header = cells(line).get(0);
            List<String> firsts = new ArrayList<>();
            for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                firsts.add(cells(lines.get(i)).get(0));
            }
            tables.add(new Table(header, firsts));
        }
        return tables;
    }

    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                String language = lines.get(i).substring(3).strip();
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    body.add(lines.get(i));
                }
                blocks.add(new Block(language, body));
            }
        }
        return blocks;
    }

    /** Link targets outside fenced blocks. */
    List<String> links() {
        List<String> links = new ArrayList<>();
        for (String line : prose()) {
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                links.add(m.group(1));
            }
        }
        return links;
    }

    /** The anchors GitHub makes of the headings. */
    List<String> anchors() {
        List<String> anchors = new ArrayList<>();
        for (String line : prose()) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** The lines outside fenced blocks. */
    private List<String> prose() {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.add(line);
            }
        }
        return prose;
    }

    /** The `code` spans of a cell. */
    static List<String> code(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code && row.charAt(i - 1) != '\\') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
