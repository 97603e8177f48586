package io.bactrian.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import io.bactrian.alert.AlertEvent;
import io.bactrian.core.CheckResult;
import io.bactrian.core.Table;
import io.bactrian.core.TableDetail;
import io.bactrian.probe.speedtest.SpeedReport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * Renders an alert as a complete e-mail: UTF-8 subject, a plain-text part first and an HTML
 * part last (receivers show the richest part they can), saved as .eml bytes so the queue
 * holds exactly what will be sent. The words are {@link AlertText}'s in the mail language, or
 * the users' {@code mail[.<monitor>].<kind>.<language>.txt} templates.
 */
public class AlertMail {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String TABLE = "${table}";

    private final String from;
    private final String to;
    private final AlertText text;

    /** English with the built-in texts. */
    public AlertMail(String from, String to, ZoneId zone) {
        this(from, to, zone, Locale.ENGLISH, MessageTemplates.NONE);
    }

    /** In {@code language} (zh-CN or en), with the users' mail templates where there are some. */
    public AlertMail(String from, String to, ZoneId zone, Locale language, MessageTemplates templates) {
        this.from = from;
        this.to = to;
        this.text = new AlertText(language, zone, templates, MessageTemplates.MAIL);
    }

    public String subject(AlertEvent e) {
        return text.title(e);
    }

    /** The facts every channel shows, in order, in the mail language. */
    public Map<String, String> facts(AlertEvent e) {
        return text.facts(e);
    }

    /** The alert as the bytes of an .eml file (RFC 5322). */
    public byte[] compose(AlertEvent e) throws MessagingException, IOException {
        Body body = body(e);
        return write(body.subject(), java.util.Date.from(e.at()), e.monitor(), e.kind().name(), body.plain(),
                page(body.subject(), body.html()));
    }

    /**
     * Several queued alerts as one mail: the subject counts them ({@code [ALERTS] 50 monitors:
     * 50 down}, {@code 【告警汇总】50 个监控：50 故障}), the body holds each alert's own mail,
     * its subject as a heading, oldest first, so no fact or table is lost.
     */
    public byte[] composeGroup(List<AlertEvent> events) throws MessagingException, IOException {
        String subject = text.groupTitle(events);
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (AlertEvent e : events) {
            Body body = body(e);
            plain.append(plain.length() == 0 ? "" : "\r\n").append(body.subject()).append("\r\n").append(body.plain());
            html.append("<h4>").append(escape(body.subject())).append("</h4>").append(body.html());
        }
        return write(subject, new java.util.Date(), null, "GROUP", plain.toString(), page(subject, html.toString()));
    }

    /** What one alert's mail says: its subject, its text, and the same as HTML below the page's heading. */
    private record Body(String subject, String plain, String html) {
    }

    private Body body(AlertEvent e) {
        String subject = subject(e);
        Table table = text.table(e);
        String template = text.template(e);
        // a template of a subject line alone keeps the built-in text below it
        String body = template == null ? "" : template.lines().skip(1).collect(Collectors.joining("\n")).strip();
        if (body.isEmpty()) {
            Map<String, String> facts = facts(e);
            return new Body(subject, factsPlain(facts) + NodeTable.plain(table), factsHtml(facts) + NodeTable.html(table));
        }
        // the table stands where the template puts it, else after the text as in the built-in mail
        if (!body.contains(TABLE) && !table.isEmpty()) {
            body += "\n" + TABLE;
        }
        Map<String, String> values = text.values(e);
        values.put("table", NodeTable.plain(table));
        String plain = MessageTemplates.render(body, values).lines().collect(Collectors.joining("\r\n", "", "\r\n"));
        values.replaceAll((k, v) -> v == null ? null : escape(v));
        values.put("table", NodeTable.html(table));
        // the HTML table has no line breaks of its own: every one left is the text's
        String html = MessageTemplates.render(escape(body), values).replace("\n", "<br>\r\n");
        return new Body(subject, plain, "<div>" + html + "</div>");
    }

    /** A mail with a plain-text part first and an HTML part last, as .eml bytes. */
    private byte[] write(String subject, java.util.Date date, String monitor, String kind, String plain, String html)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION);
        // mail.from may carry its own display name ("监控中心 <monitor@example.com>")
        InternetAddress sender = new InternetAddress(from);
        sender.setPersonal(sender.getPersonal() == null ? "bactrian" : sender.getPersonal(), "UTF-8");
        message.setFrom(sender);
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(date);
        if (monitor != null) {
            // RFC 2047 as the subject: a Chinese monitor name must not make the header 8-bit
            message.setHeader("X-Bactrian", MimeUtility.encodeText(monitor, "UTF-8", null));
        }
        message.setHeader("X-Bactrian-Alert", kind);
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

    /** The per-row detail of the alert's check (speed-test nodes, Kafka topics), in English; empty when none. */
    public static Table table(AlertEvent e) {
        return e.result() == null ? Table.NONE : rows(e.result());
    }

    /** The per-row detail of a check (speed-test nodes, Kafka topics), in English; empty when none. */
    public static Table rows(CheckResult result) {
        Object detail = result.detail();
        if (detail instanceof SpeedReport report) {
            return NodeTable.rows(report);
        }
        return detail instanceof TableDetail t ? t.table() : Table.NONE;
    }

    /** Reads a queued .eml back into a message to send. */
    public MimeMessage parse(byte[] eml) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(eml));
    }

    private static String factsPlain(Map<String, String> facts) {
        StringBuilder sb = new StringBuilder();
        // a resolved alert has no reason
        facts.forEach((k, v) -> sb.append(k).append(": ").append(v == null ? "-" : v).append("\r\n"));
        return sb.toString();
    }

    /** An HTML page headed by {@code title}. */
    private static String page(String title, String content) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:sans-serif\"><h3>" + escape(title) + "</h3>" + content
                + "</body></html>";
    }

    private static String factsHtml(Map<String, String> facts) {
        StringBuilder sb = new StringBuilder("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        facts.forEach((k, v) -> sb.append("<tr><th align=\"left\">").append(escape(k)).append("</th><td>")
                .append(escape(v)).append("</td></tr>"));
        return sb.append("</table>").toString();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
