package io.camelmonitor.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Why a monitoring query failed, as a failure class and one line, from the driver's exception. */
record DbFailure(String failureClass, String reason) {

    static DbFailure of(Exception e, long timeoutMs) {
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
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                // 57014: PostgreSQL's query cancelled; 70100 and MariaDB's 1969: statement time exceeded
                if (s instanceof SQLTimeoutException || state.equals("57014") || state.equals("70100")
                        || s.getErrorCode() == 1969 || s.getErrorCode() == 3024) {
                    return new DbFailure("timeout", "query timeout: no result within " + timeoutMs + " ms");
                }
                if (state.startsWith("28") || s.getErrorCode() == 1045) {
                    return new DbFailure("login refused", "login refused: " + oneLine(s.getMessage()));
                }
                if (state.startsWith("08") && s.getCause() == null) {
                    return new DbFailure("connection refused", "database unreachable: " + oneLine(s.getMessage()));
                }
            }
        }
        if (e.getMessage() != null && e.getMessage().contains("Connection is not available, request timed out")) {
            return new DbFailure("timeout", "no connection to the database within the connect timeout");
        }
        return new DbFailure("query error", oneLine(e.getMessage()));
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
