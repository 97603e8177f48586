package io.bactrian.core;

/** A check result's detail that alerts show as a table. */
public interface TableDetail {
    Table table();
}
