package io.bactrian.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.bactrian.alert.Silence;

/**
 * The body of {@code POST /api/v1/incidents/{id}/silence}: {@code until}, a future date-time
 * with its offset, or {@code untilResolved: true}, one of the two; {@code comment} optional.
 */
final class SilenceBody {
    private static final Set<String> KEYS = Set.of("until", "untilResolved", "comment");
    /** A comment is a line or two, not a document. */
    private static final int LONGEST_COMMENT = 500;

    private SilenceBody() {
    }

    /** The silence {@code by} gives monitor {@code id}'s incident at {@code now}; 400 naming the field when wrong. */
    static Silence of(JsonNode body, String id, String by, Instant now) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw ApiError.field("request", id, key, "unknown key (known: until, untilResolved, comment)");
            }
        }
        JsonNode until = body.path("until");
        JsonNode resolved = body.path("untilResolved");
        if (!resolved.isMissingNode() && !resolved.isBoolean()) {
            throw ApiError.field("request", id, "untilResolved", "must be true or false");
        }
        boolean untilResolved = resolved.asBoolean(false);
        if (untilResolved == !(until.isMissingNode() || until.isNull())) {
            throw ApiError.field("request", id, "until", untilResolved ? "give either until or untilResolved, not both"
                    : "is missing: give until (a date-time such as 2026-12-09T10:00:00Z) or untilResolved: true");
        }
        JsonNode comment = body.path("comment");
        if (!comment.isMissingNode() && !comment.isNull() && !comment.isTextual()) {
            throw ApiError.field("request", id, "comment", "must be a text");
        }
        String text = comment.isTextual() ? comment.asText().strip() : "";
        if (text.length() > LONGEST_COMMENT) {
            throw ApiError.field("request", id, "comment", "is over " + LONGEST_COMMENT + " characters");
        }
        return new Silence(by, now, untilResolved ? null : instant(until, id, now), text);
    }

    private static Instant instant(JsonNode until, String id, Instant now) {
        if (!until.isTextual()) {
            throw ApiError.field("request", id, "until", "must be a text: a date-time such as 2026-12-09T10:00:00Z");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(until.asText().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.field("request", id, "until", "'" + until.asText() + "' is not a date-time with an offset,"
                    + " such as 2026-12-09T10:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw ApiError.field("request", id, "until", "'" + until.asText() + "' is not in the future");
        }
        return at;
    }
}
