package io.camelmonitor.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.camelmonitor.alert.AlertEvent;
import io.camelmonitor.alert.AlertKind;
import io.camelmonitor.node.SpeedReport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Renders an alert as a complete e-mail: UTF-8 subject, a plain-text part first and an HTML
 * part last (receivers show the richest part they can), saved as .eml bytes so the queue
 * holds exactly what will be sent.
 */
public class AlertMail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final String from;
    private final String to;
    private final ZoneId zone;

    public AlertMail(String from, String to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** For rendering subjects and facts only, as the chat channels do; cannot compose mail. */
    public AlertMail(ZoneId zone) {
        this(null, null, zone);
    }

    public String subject(AlertEvent e) {
        return switch (e.kind()) {
            case DOWN -> "[DOWN] " + e.monitor() + ": " + e.reason();
            case REMINDER -> "[STILL DOWN] " + e.monitor() + " for " + human(e.downFor()) + ": " + e.reason();
            case RESOLVED -> "[RESOLVED] " + e.monitor() + " is up again after " + human(e.downFor());
            case NOTICE -> "[NOTICE] " + e.monitor() + ": " + e.reason();
        };
    }

    /** The facts every channel shows, in order. */
    public Map<String, String> facts(AlertEvent e) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Monitor", e.monitor());
        facts.put("Target", e.target());
        if (e.kind() == AlertKind.NOTICE) {
            // news from a passing check: no incident to describe
            facts.put("State", "NOTICE");
            facts.put("Notice", e.reason());
            facts.put("Time", format(e.at()));
            return facts;
        }
        facts.put("State", e.kind() == AlertKind.RESOLVED ? "UP (resolved)" : "DOWN");
        facts.put("Failure", e.failureClass());
        facts.put("Reason", e.reason());
        facts.put("Time", format(e.at()));
        facts.put("Down since", format(e.downSince()));
        facts.put(e.kind() == AlertKind.RESOLVED ? "Was down for" : "Down for", human(e.downFor()));
        return facts;
    }

    /** The alert as the bytes of an .eml file (RFC 5322). */
    public byte[] compose(AlertEvent e) throws MessagingException, IOException {
        Map<String, String> facts = facts(e);
        List<List<String>> table = table(e);
        return write(subject(e), java.util.Date.from(e.at()), e.monitor(), e.kind().name(),
                plain(facts) + NodeTable.plain(table), html(subject(e), facts, table));
    }

    /**
     * Several queued alert mails as one: the subject counts them ({@code [ALERTS] 50 monitors: 50
     * down}), the body lists each mail's subject, oldest first.
     *
     * @param events each mail's monitor and kind, for the subject
     */
    public byte[] composeGroup(List<MimeMessage> mails, List<AlertEvent> events) throws MessagingException, IOException {
        String subject = new AlertText(java.util.Locale.ENGLISH, zone).groupTitle(events);
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject)).append("</title></head><body style=\"font-family:sans-serif\"><h3>")
                .append(escape(subject)).append("</h3><ul>");
        for (MimeMessage m : mails) {
            plain.append(m.getSubject()).append("\r\n");
            html.append("<li>").append(escape(m.getSubject())).append("</li>");
        }
        return write(subject, new java.util.Date(), null, "GROUP", plain.toString(),
                html.append("</ul></body></html>").toString());
    }

    /** A mail with a plain-text part first and an HTML part last, as .eml bytes. */
    private byte[] write(String subject, java.util.Date date, String monitor, String kind, String plain, String html)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(from, "camel-monitor", "UTF-8"));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(date);
        if (monitor != null) {
            message.setHeader("X-Camel-Monitor", monitor);
        }
        message.setHeader("X-Camel-Monitor-Alert", kind);
        MimeBodyPart plainPart = new MimeBodyPart();
        plainPart.setText(plain, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plainPart);
        alternative.addBodyPart(htmlPart);
        message.setContent(alternative);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The per-row detail of the alert's check (speed-test nodes, Kafka topics), header first; empty when none. */
    public static List<List<String>> table(AlertEvent e) {
        Object detail = e.result() == null ? null : e.result().detail();
        if (detail instanceof SpeedReport report) {
            return NodeTable.rows(report);
        }
        return detail instanceof TableDetail t ? t.table() : List.of();
    }

    /** Reads a queued .eml back into a message to send. */
    public MimeMessage parse(byte[] eml) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(eml));
    }

    private static String plain(Map<String, String> facts) {
        StringBuilder sb = new StringBuilder();
        facts.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.toString();
    }

    private static String html(String title, Map<String, String> facts, List<List<String>> table) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head><body style=\"font-family:sans-serif\"><h3>")
                .append(escape(title)).append("</h3><table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        facts.forEach((k, v) -> sb.append("<tr><th align=\"left\">").append(escape(k)).append("</th><td>")
                .append(escape(v)).append("</td></tr>"));
        sb.append("</table>");
        return sb.append(NodeTable.html(table)).append("</body></html>").toString();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private String format(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** "2h 5m", "3m 20s", "12s": how long, as people say it. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
