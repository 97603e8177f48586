package io.camelmonitor.channel;

import java.util.List;

/**
 * A check result's detail that alerts show as a table: header row first, then one row per
 * item. When the last column is "Result", a row whose last cell is not "ok" is a failing one.
 */
public interface TableDetail {
    List<List<String>> table();
}
