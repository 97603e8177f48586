package io.bactrian.core;

/**
 * A check result's detail that may carry news for people even though the check passed: new
 * items on a watched page, a certificate reaching a warning day. The alert rule sends it as
 * one {@link AlertKind#NOTICE}.
 */
public interface Noteworthy {
    /** One line saying what is new, or null when nothing is. */
    String notice();
}
