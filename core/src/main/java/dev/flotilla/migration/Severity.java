package dev.flotilla.migration;

/** How serious a finding about the migration files is. */
public enum Severity {
    /** Reported; nothing is stopped. */
    WARNING,
    /** Nothing runs until it is fixed. */
    ERROR
}
