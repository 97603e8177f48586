package io.bactrian.api;

import java.util.List;
import java.util.Map;

/**
 * A monitor as the API shows it: its entry as written in its file, without the values of its
 * secret settings, which {@code secrets} only names.
 *
 * @param id       the monitor's id
 * @param file     the monitor list it is written in
 * @param kind     its kind, its own or the file's default
 * @param paused   whether it is written {@code enabled: false} (or the file's defaults say so)
 * @param settings the entry's settings as written, id and secret ones left out
 * @param secrets  the secret settings the entry sets, by name
 * @param etag     the entry's version, for {@code If-Match}
 * @param maintenance whether it is in a maintenance window now and when the next starts; null without windows
 */
public record MonitorView(String id, String file, String kind, boolean paused, Map<String, Object> settings,
                          List<String> secrets, String etag, MaintenanceView maintenance) {
}
