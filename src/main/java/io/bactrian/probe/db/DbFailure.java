package io.bactrian.probe.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Why a monitoring query failed, as a failure class and one line, from the driver's exception. */
record DbFailure(String failureClass, String reason) {

    static DbFailure of(Exception e, long timeoutMs) {
        // the pool wraps the driver's exception and copies its SQL state: the driver's says more
        SQLException innermost = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return new DbFailure("connection refused", "database unreachable: connection refused");
            }
            if (t instanceof UnknownHostException) {
                return new DbFailure("DNS failure", "database host unknown: " + t.getMessage());
            }
            if (t instanceof SocketTimeoutException) {
                return new DbFailure("timeout", "database did not answer: " + t.getMessage());
            }
            if (t instanceof SQLException s) {
                innermost = s;
            }
        }
        if (innermost != null) {
            String state = innermost.getSQLState() == null ? "" : innermost.getSQLState();
            int code = innermost.getErrorCode();
            // 57014: PostgreSQL's query cancelled; 70100, 1969, 3024: MySQL's and MariaDB's statement time exceeded
            if (innermost instanceof SQLTimeoutException || state.equals("57014") || state.equals("70100") || code == 1969
                    || code == 3024) {
                return new DbFailure("timeout", "query timeout: no result within " + timeoutMs + " ms");
            }
            if (state.startsWith("28") || code == 1045) {
                return new DbFailure("login refused", "login refused: " + oneLine(innermost.getMessage()));
            }
            if (innermost == e && String.valueOf(e.getMessage()).contains("Connection is not available")) {
                return new DbFailure("timeout", "no connection to the database within the connect timeout");
            }
            return new DbFailure(state.startsWith("08") ? "connection refused" : "query error",
                    oneLine(innermost.getMessage()));
        }
        return new DbFailure("query error", oneLine(e.getMessage()));
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
