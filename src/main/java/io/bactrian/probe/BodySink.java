package io.bactrian.probe;

import java.io.ByteArrayOutputStream;

/** Keeps body bytes up to a cap and remembers whether anything beyond it arrived. */
final class BodySink {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int cap;
    private boolean truncated;

    BodySink(int cap) {
        this.cap = cap;
    }

    /** How much to read next so that at most one byte beyond the cap is read. */
    int nextReadSize(int bufferSize, long wanted) {
        return (int) Math.min(Math.min(bufferSize, wanted), cap - bytes.size() + 1L);
    }

    /** Adds bytes; returns false once the cap is exceeded, meaning: stop reading. */
    boolean add(byte[] buffer, int length) {
        int room = cap - bytes.size();
        if (length > room) {
            bytes.write(buffer, 0, room);
            truncated = true;
            return false;
        }
        bytes.write(buffer, 0, length);
        return true;
    }

    boolean truncated() {
        return truncated;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
