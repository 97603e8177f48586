package io.bactrian.core;

/**
 * One thing wrong with the configuration, said so a user can find it: the file, the monitor
 * (route id) when there is one, and the field.
 */
public record Problem(String file, String monitor, String field, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (monitor != null) {
            sb.append(": monitor '").append(monitor).append('\'');
        }
        if (field != null) {
            sb.append(": ").append(field);
        }
        return sb.append(": ").append(message).toString();
    }
}
