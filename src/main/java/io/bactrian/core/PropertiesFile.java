package io.bactrian.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * application.properties is UTF-8, not the ISO-8859-1 of {@link java.util.Properties#load(java.io.InputStream)}:
 * Chinese sign names and subjects must reach the services as written. Before Camel reads the
 * file, this says by line what {@code Properties} would garble or refuse without naming it:
 * bytes that are not UTF-8 and malformed {@code \\u} escapes.
 */
public final class PropertiesFile {
    public static final String ENCODING = "UTF-8";
    /** The channels' settings, an optional file beside application.properties. */
    public static final String CHANNELS = "channels.properties";

    private PropertiesFile() {
    }

    /** Makes {@code properties} read its files as UTF-8; before any location is loaded. */
    public static void readAsUtf8(PropertiesComponent properties) {
        if (properties instanceof org.apache.camel.component.properties.PropertiesComponent camel) {
            camel.setEncoding(ENCODING);
        }
    }

    /**
     * Camel's property locations for {@code file}: it, then channels.properties beside it when
     * that is there (a key both set is taken from the first).
     */
    public static String locations(Path file) {
        Path channels = channels(file);
        return "file:" + file + (channels == null ? "" : ",file:" + channels);
    }

    /** The channels.properties beside {@code file}; null when there is none. */
    public static Path channels(Path file) {
        Path channels = file.toAbsolutePath().resolveSibling(CHANNELS);
        return Files.isRegularFile(channels) ? channels : null;
    }

    /** The problems of {@code file} and of the channels.properties beside it, each shown by its own name. */
    public static List<Problem> problemsWithChannels(Path file, String name) {
        List<Problem> problems = new ArrayList<>(problems(file, name));
        Path channels = channels(file);
        if (channels != null) {
            problems.addAll(problems(channels, CHANNELS));
        }
        return problems;
    }

    /** The problems of {@code file} (shown as {@code name}) that stop it being read as written. */
    public static List<Problem> problems(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(new Problem(name, null, null, "cannot be read: " + e.getMessage()));
        }
        Optional<Integer> bad = firstBadByte(bytes);
        if (bad.isPresent()) {
            return List.of(new Problem(name, null, "line " + lineAt(bytes, bad.get()),
                    "not UTF-8: save the file as UTF-8"));
        }
        List<Problem> problems = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
        boolean continued = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.stripLeading();
            boolean comment = !continued && (trimmed.startsWith("#") || trimmed.startsWith("!"));
            if (!comment) {
                String escape = malformedEscape(trimmed);
                if (escape != null) {
                    problems.add(new Problem(name, null, "line " + (i + 1), "malformed escape '" + escape
                            + "': \\u needs four hex digits, e.g. \\u6d4b; a backslash itself is written \\\\"));
                }
            }
            continued = !comment && endsInBackslash(line);
        }
        return problems;
    }

    private static Optional<Integer> firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? Optional.of(in.position()) : Optional.empty();
    }

    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The first {@code \\u} escape of a line that is not followed by four hex digits, or null. */
    private static String malformedEscape(String line) {
        for (int i = 0; i < line.length() - 1; i++) {
            if (line.charAt(i) != '\\') {
                continue;
            }
            if (line.charAt(i + 1) == 'u') {
                String digits = line.substring(i + 2, Math.min(line.length(), i + 6));
                if (!digits.matches("[0-9a-fA-F]{4}")) {
                    return line.substring(i, Math.min(line.length(), i + 6));
                }
            }
            i++; // the escaped character
        }
        return null;
    }

    private static boolean endsInBackslash(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
