package io.bactrian.probe.dns;

/** The record types the DNS check asks for, with their codes (RFC 1035, RFC 3596). */
public enum RecordType {
    A(1), NS(2), CNAME(5), MX(15), TXT(16), AAAA(28);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
