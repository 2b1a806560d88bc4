package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
        /** The target's own schema (a MariaDB database), or null on SQLite, whose target is its file's schema main. */
        private final String own;
        private final Map<String, SchemaSnapshot> read = new HashMap<>();

        Catalog(TargetSession session) throws SQLException {
            this.session = session;
            this.dialect = session.dialect();
            this.own = "sqlite".equals(dialect.name()) ? null
                    : session.schema() != null ? session.schema() : dialect.currentSchema(session.connection());
        }

        /** The table {@code name} names, when it is there and has the column; null otherwise. */
        LosingTable find(TableName name, String column) throws SQLException {
            // On SQLite the target is its file, main: temp holds no table when the guard reads (a script's temporary
            // tables are its own), and an attached database is another file, no part of the target.
            if (own == null && name.schema() != null && !name.schema().equalsIgnoreCase("main")) {
                return null;
            }
            // A name qualified with the target's own schema is the target's; one of another schema is looked for there:
            // its rows lose their tenant as well.
            boolean ownTable = name.schema() == null || own == null || name.schema().equalsIgnoreCase(own);
            String schema = ownTable ? null : folded(name.schema(), name.schemaQuoted());
            SchemaSnapshot.Table table = pick(snapshot(schema).tables(), name);
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
        private SchemaSnapshot.Table pick(List<SchemaSnapshot.Table> tables, TableName name) {
            List<SchemaSnapshot.Table> alike = tables.stream().filter(t -> t.name().equalsIgnoreCase(name.table())).toList();
            if (alike.size() < 2) {
                return alike.isEmpty() ? null : alike.get(0);
            }
            String exact = folded(name.table(), name.tableQuoted());
            return alike.stream().filter(t -> t.name().equals(exact)).findFirst().orElse(alike.get(0));
        }

        /** A name as the database keeps it: quoted as written; bare, folded to lower case (PostgreSQL) or upper (H2). */
        private String folded(String name, boolean quoted) {
            return quoted ? name : switch (dialect.name()) {
                case "postgresql" -> name.toLowerCase(Locale.ROOT);
                case "h2" -> name.toUpperCase(Locale.ROOT);
                default -> name;
            };
        }
    }
}
