package io.bactrian.function;

/** An invocation that ends as an error for the platform: its kind, and one line for people. */
final class InvocationFailed extends Exception {
    private final String type;
    private final transient Report report;

    InvocationFailed(String type, String message) {
        this(type, message, null);
    }

    /** With what the run found before it failed. */
    InvocationFailed(String type, String message, Report report) {
        super(message);
        this.type = type;
        this.report = report;
    }

    String type() {
        return type;
    }

    /** What the run found before it failed; null when it ran nothing. */
    Report report() {
        return report;
    }
}
