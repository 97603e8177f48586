package io.bactrian.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bactrian.core.Problem;

/** A request the API refuses: the HTTP status and the JSON body that says why in one line. */
final class ApiError extends RuntimeException {
    private final int status;
    private final Map<String, Object> body;

    private ApiError(int status, String message, Map<String, Object> body) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** {@code {"message": ...}}. */
    static ApiError of(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return new ApiError(status, message, body);
    }

    /** A wrong field of the request, said as {@code validate} says a monitor list's. */
    static ApiError field(String file, String monitor, String field, String message) {
        return problems(List.of(new Problem(file, monitor, field, message)));
    }

    /** 400 with the first problem's {@code file, monitor, field, message}, and all of them in {@code problems}. */
    static ApiError problems(List<Problem> problems) {
        Problem first = problems.get(0);
        Map<String, Object> body = new LinkedHashMap<>(fields(first));
        body.put("problems", problems.stream().map(ApiError::fields).toList());
        return new ApiError(400, first.toString(), body);
    }

    private static Map<String, Object> fields(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("monitor", p.monitor());
        m.put("field", p.field());
        m.put("message", p.message());
        return m;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
