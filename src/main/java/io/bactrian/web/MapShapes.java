package io.bactrian.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A map shipped in the jar (china.svg, world.svg under io/bactrian/web/map, made by
 * tools/map/convert.py): its view box and one shape per province or country, read once.
 */
record MapShapes(String viewBox, List<Shape> shapes) {
    /** One province or country: its element id, the name places are matched by, its outline. */
    record Shape(String id, String name, String d, boolean inset) {
    }

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"([^\"]+)\"");
    private static final Pattern PATH = Pattern.compile(
            "<path id=\"([^\"]+)\"( class=\"inset\")? data-name=\"([^\"]+)\" d=\"([^\"]*)\"/>");

    // after the patterns: static fields are set in the order written
    static final MapShapes CHINA = load("china.svg");
    static final MapShapes WORLD = load("world.svg");

    static MapShapes load(String name) {
        try (InputStream in = MapShapes.class.getResourceAsStream("map/" + name)) {
            if (in == null) {
                throw new IllegalStateException("map " + name + " is missing from the jar");
            }
            String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher box = VIEW_BOX.matcher(svg);
            if (!box.find()) {
                throw new IllegalStateException("map " + name + " has no viewBox");
            }
            List<Shape> shapes = new ArrayList<>();
            Matcher m = PATH.matcher(svg);
            while (m.find()) {
                shapes.add(new Shape(m.group(1), m.group(3), m.group(4), m.group(2) != null));
            }
            return new MapShapes(box.group(1), List.copyOf(shapes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
