package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of the target that has the tenant column now and that a down script takes it from: the name the script wrote,
 * found in the catalog as the database would resolve it.
 *
 * @param display its name in messages: as the catalog spells it, qualified with its schema when that is another's
 * @param sql its name in SQL, quoted, qualified with its schema
 * @param column the tenant column as the catalog spells it (H2 keeps an unquoted name in upper case)
 */
record LosingTable(String display, String sql, String column) {

    /** The catalog of one session's target, and of other schemas a script qualifies a name with, each read once. */
    static final class Catalog {
        private final TargetSession session;
        private final Dialect dialect;
        /** How the database tells names apart (two ways on a MariaDB server whose setting cannot be read). */
        private final List<TableIdentity> identities;
        private final SchemasRead schemas;

        /** {@code named}: the session's dialect as its server tells names apart ({@link Dialect#forNames}). */
        Catalog(TargetSession session, Dialect named) throws SQLException {
            this.session = session;
            this.dialect = session.dialect();
            this.identities = TableIdentity.of(session, named);
            this.schemas = new SchemasRead(session);
        }

        /** How the target's database tells table names apart: one way, or two when it cannot be told which. */
        List<TableIdentity> identities() {
            return identities;
        }

        /** The table {@code name} names, when it is there and has the column; null otherwise. */
        LosingTable find(TableName name, String column) throws SQLException {
            TableIdentity identity = identities.get(0);
            SchemaSnapshot.Table table = table(name, identity);
            SchemaSnapshot.Column tenant = table == null ? null : table.columns().stream()
                    .filter(c -> c.name().equalsIgnoreCase(column)).findFirst().orElse(null);
            if (tenant == null) {
                return null;
            }
            return of(table, identity.otherSchema(name), session.schema(), dialect, tenant.name());
        }

        /**
         * The columns, in order, of the table {@code name} names before the scripts run, as read by {@code identity}; null
         * when it is not there or cannot be read (another file on SQLite, a catalog that fails).
         */
        List<String> columns(TableName name, TableIdentity identity) {
            try {
                SchemaSnapshot.Table table = table(name, identity);
                return table == null ? null : table.columns().stream().map(SchemaSnapshot.Column::name).toList();
            } catch (SQLException | dev.flotilla.FlotillaException unreadable) {
                // Not known: where a copy puts the column is then a guess, and the finding says so.
                return null;
            }
        }

        /** The table {@code name} names, as {@code identity} reads it; null when it is not there or not the target's. */
        private SchemaSnapshot.Table table(TableName name, TableIdentity identity) throws SQLException {
            // On SQLite the target is its file, main: temp holds no table when the guard reads (a script's temporary
            // tables are its own), and an attached database is another file, no part of the target.
            if (identity.own() == null && !identity.isOwn(name)) {
                return null;
            }
            return identity.resolve(schemas.of(identity.otherSchema(name)).tables(), name);
        }
    }

    /**
     * The table {@code table} of the schema {@code schema}, or of the target's own where that is null (in SQL, qualified
     * with the session's schema {@code own} when it has one), whose tenant column the catalog spells {@code column}.
     */
    private static LosingTable of(SchemaSnapshot.Table table, String schema, String own, Dialect dialect, String column) {
        String where = schema != null ? schema : own;
        return new LosingTable(schema == null ? table.name() : schema + "." + table.name(),
                (where == null ? "" : dialect.quote(where) + ".") + dialect.quote(table.name()), column);
    }

    /** One session's snapshots of the target's schema and of the others a script names, each read once. */
    private static final class SchemasRead {
        private final TargetSession session;
        private final Map<String, SchemaSnapshot> read = new HashMap<>();

        SchemasRead(TargetSession session) {
            this.session = session;
        }

        /** The snapshot of {@code schema}, or of the target's own schema where it is null. */
        SchemaSnapshot of(String schema) throws SQLException {
            String key = schema == null ? "" : "." + schema;
            if (!read.containsKey(key)) {
                read.put(key, schema == null ? SnapshotReader.of(session)
                        : SnapshotReader.forDialect(session.dialect()).read(session.connection(), schema, Set.of()));
            }
            return read.get(key);
        }
    }
}
