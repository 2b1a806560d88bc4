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
        private final Map<String, SchemaSnapshot> read = new HashMap<>();

        Catalog(TargetSession session) throws SQLException {
            this.session = session;
            this.dialect = session.dialect();
            // The target's own schema (a MariaDB database), or null on SQLite, whose target is its file's schema main.
            String own = "sqlite".equals(dialect.name()) ? null
                    : session.schema() != null ? session.schema() : dialect.currentSchema(session.connection());
            this.identities = TableIdentity.of(session, own);
        }

        /** How the target's database tells table names apart: one way, or two when it cannot be told which. */
        List<TableIdentity> identities() {
            return identities;
        }

        /** The table {@code name} names, when it is there and has the column; null otherwise. */
        LosingTable find(TableName name, String column) throws SQLException {
            TableIdentity identity = identities.get(0);
            // On SQLite the target is its file, main: temp holds no table when the guard reads (a script's temporary
            // tables are its own), and an attached database is another file, no part of the target.
            if (identity.own() == null && !identity.isOwn(name)) {
                return null;
            }
            // A name qualified with the target's own schema is the target's; one of another schema is looked for there:
            // its rows lose their tenant as well.
            String schema = identity.isOwn(name) ? null : identity.folded(name.schema(), name.schemaQuoted());
            SchemaSnapshot.Table table = pick(snapshot(schema).tables(), name, identity);
            if (table == null) {
                return null;
            }
            SchemaSnapshot.Column tenant = table.columns().stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst()
                    .orElse(null);
            if (tenant == null) {
                return null;
            }
            String where = schema != null ? schema : session.schema();
            return new LosingTable(schema == null ? table.name() : schema + "." + table.name(),
                    (where == null ? "" : dialect.quote(where) + ".") + dialect.quote(table.name()), tenant.name());
        }

        /**
         * The columns, in order, of the table {@code name} names before the scripts run, as read by {@code identity}; null
         * when it is not there or cannot be read (another file on SQLite, a catalog that fails).
         */
        List<String> columns(TableName name, TableIdentity identity) {
            if (identity.own() == null && !identity.isOwn(name)) {
                return null;
            }
            try {
                String schema = identity.isOwn(name) ? null : identity.folded(name.schema(), name.schemaQuoted());
                SchemaSnapshot.Table table = pick(snapshot(schema).tables(), name, identity);
                return table == null ? null : table.columns().stream().map(SchemaSnapshot.Column::name).toList();
            } catch (SQLException | dev.flotilla.FlotillaException unreadable) {
                // Not known: where a copy puts the column is then a guess, and the finding says so.
                return null;
            }
        }

        private SchemaSnapshot snapshot(String schema) throws SQLException {
            String key = schema == null ? "" : "." + schema;
            if (!read.containsKey(key)) {
                read.put(key, schema == null ? SnapshotReader.of(session)
                        : SnapshotReader.forDialect(dialect).read(session.connection(), schema, Set.of()));
            }
            return read.get(key);
        }

        /**
         * The table the name resolves to: the one named alike in any case when there is one; among several (PostgreSQL's
         * {@code "Orders"} beside {@code orders}), the one the database reads the name as (quoted: as written; bare: folded).
         */
        private static SchemaSnapshot.Table pick(List<SchemaSnapshot.Table> tables, TableName name, TableIdentity identity) {
            List<SchemaSnapshot.Table> alike = tables.stream().filter(t -> t.name().equalsIgnoreCase(name.table())).toList();
            if (alike.size() < 2) {
                return alike.isEmpty() ? null : alike.get(0);
            }
            String exact = identity.folded(name.table(), name.tableQuoted());
            return alike.stream().filter(t -> t.name().equals(exact)).findFirst().orElse(alike.get(0));
        }
    }
}
