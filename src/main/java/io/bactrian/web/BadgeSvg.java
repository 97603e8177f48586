package io.bactrian.web;

/**
 * A badge as an SVG image in the "flat" look of shields.io: grey label, coloured message, the
 * text widths computed here so the image needs no font, script or file from elsewhere.
 */
final class BadgeSvg {
    /** Space left and right of each text, px. */
    private static final int PADDING = 5;

    private BadgeSvg() {
    }

    static String of(Badge badge) {
        String label = printable(badge.label());
        String message = printable(badge.message());
        int labelText = BadgeTextWidth.of(label);
        int messageText = BadgeTextWidth.of(message);
        int left = label.isEmpty() ? 0 : labelText + 2 * PADDING;
        int right = messageText + 2 * PADDING;
        int width = left + right;
        String title = Html.esc(label.isEmpty() ? message : label + ": " + message);
        StringBuilder svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"20\" role=\"img\" aria-label=\"").append(title).append("\">")
                .append("<title>").append(title).append("</title>")
                .append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\""
                        + " stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
                .append("<clipPath id=\"r\"><rect width=\"").append(width)
                .append("\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>")
                .append("<g clip-path=\"url(#r)\"><rect width=\"").append(left).append("\" height=\"20\" fill=\"#555\"/>")
                .append("<rect x=\"").append(left).append("\" width=\"").append(right).append("\" height=\"20\" fill=\"")
                .append(badge.hex()).append("\"/><rect width=\"").append(width)
                .append("\" height=\"20\" fill=\"url(#s)\"/></g>")
                .append("<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                        + " font-size=\"11\">");
        if (!label.isEmpty()) {
            text(svg, left / 2.0, labelText, label);
        }
        text(svg, left + right / 2.0, messageText, message);
        return svg.append("</g></svg>").toString();
    }

    /**
     * A text with its shadow, stretched or squeezed to the width computed (textLength), so a
     * viewer with another font still fits it into its box.
     */
    private static void text(StringBuilder svg, double middle, int width, String text) {
        String x = middle % 1 == 0 ? String.valueOf((int) middle) : String.valueOf(middle);
        String escaped = Html.esc(text);
        for (String line : new String[]{" y=\"15\" fill=\"#010101\" fill-opacity=\".3\"", " y=\"14\""}) {
            svg.append("<text x=\"").append(x).append('"').append(line).append(" textLength=\"").append(width)
                    .append("\" lengthAdjust=\"spacingAndGlyphs\">").append(escaped).append("</text>");
        }
    }

    /** Without the control characters, which XML 1.0 cannot hold even escaped. */
    private static String printable(String text) {
        return text == null ? "" : text.codePoints().filter(cp -> cp >= 32 && cp != 0x7f && cp != 0xfffe && cp != 0xffff)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }
}
