package dev.flotilla.scratch;

import java.sql.Connection;

/**
 * A scratch copy of one target's structure, to run a dry run on where the database cannot roll DDL back.
 * Closing drops it; a JVM shutdown (Ctrl-C, SIGTERM) drops every scratch still open, and
 * {@link ScratchCleanup} removes what a killed process left behind.
 *
 * @param name the scratch database's recognisable name ({@code flotilla_dry_...})
 * @param schema the schema the migrations run in on the copy: the scratch database itself on MariaDB,
 *     the target's own schema name inside the scratch database on PostgreSQL and H2
 * @param connection an open connection to the copy, already in {@code schema}; not thread-safe
 */
public record Scratch(String name, String schema, Connection connection, AutoCloseable dropper) implements AutoCloseable {
    /**
     * Whether {@code connection} is to a scratch copy or scratch target ({@link ScratchTarget}) this process made and has
     * open: its URL, database or schema names one this process's registry holds ({@link ScratchRegistry}), so what runs
     * there is Flotilla's own work, not the user's target's. A user's schema or database named like one
     * ({@code flotilla_dry_archive}, or a copy of a scratch's name) is the user's.
     */
    public static boolean isScratch(Connection connection) {
        try {
            for (String text : new String[] {connection.getMetaData().getURL(), connection.getCatalog(), connection.getSchema()}) {
                for (String name : ScratchNames.madeWithin(text == null ? null : text.toLowerCase(java.util.Locale.ROOT))) {
                    if (ScratchRegistry.isOpen(name)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        ScratchRegistry.drop(name, dropper);
    }
}
