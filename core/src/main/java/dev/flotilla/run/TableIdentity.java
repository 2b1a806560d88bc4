package dev.flotilla.run;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Which table a name written in a script is, as the target's database tells names apart: PostgreSQL folds a bare name to
 * lower case and keeps a quoted one as written ({@code "Orders"} is not {@code orders}), H2 folds to upper case, SQLite
 * ignores case, MariaDB keeps case where {@code lower_case_table_names} is 0 and ignores it otherwise; a name is one
 * schema's ({@code a.orders} is not {@code b.orders}), unqualified or qualified with the target's own, the target's, the
 * schema's name told apart by the same rules (PostgreSQL's bare {@code app} is not the schema {@code "App"}).
 * Immutable.
 *
 * @param dialect the dialect's name ({@code postgresql}, {@code mariadb}, {@code sqlite}, {@code h2})
 * @param own the target's own schema (a MariaDB database) as the catalog has it; null on SQLite (its {@code main})
 * @param caseSensitive MariaDB's: whether table and database names differ in case ({@code lower_case_table_names=0})
 */
record TableIdentity(String dialect, String own, boolean caseSensitive) {

    /**
     * The rules of the session's target, {@code named} its dialect as its server tells names apart ({@link
     * Dialect#forNames}).
     */
    static List<TableIdentity> of(TargetSession session, Dialect named) throws SQLException {
        // The target's own schema (a MariaDB database), or null on SQLite, whose target is its file's schema main.
        boolean sqlite = "sqlite".equals(named.name());
        return of(named, sqlite ? null : session.schema() != null ? session.schema() : named.currentSchema(session.connection()));
    }

    /**
     * The rules of {@code named}'s targets whose own schema is {@code own}: one; two where a MariaDB server's {@code
     * lower_case_table_names} is not known, names read both ways, so that the guard misses no table either reading finds.
     */
    static List<TableIdentity> of(Dialect named, String own) {
        String dialect = named.name();
        if (!"mariadb".equals(dialect)) {
            return List.of(new TableIdentity(dialect, own, true));
        }
        Boolean keepCase = named.quotedNamesKeepCase();
        return keepCase != null ? List.of(new TableIdentity(dialect, own, keepCase))
                : List.of(new TableIdentity(dialect, own, true), new TableIdentity(dialect, own, false));
    }

    /** The name as the database keeps it: quoted as written; bare, folded (PostgreSQL: lower case; H2: upper). */
    String folded(String name, boolean quoted) {
        return quoted ? name : switch (dialect) {
            case "postgresql" -> name.toLowerCase(Locale.ROOT);
            case "h2" -> name.toUpperCase(Locale.ROOT);
            default -> name;
        };
    }

    /** Whether the name is the target's own table: unqualified, or qualified with its schema ({@code main} on SQLite). */
    boolean isOwn(TableName name) {
        if (name.schema() == null) {
            return true;
        }
        if (own == null) {
            return name.schema().equalsIgnoreCase("main");
        }
        // Compared as the database compares schema names: PostgreSQL folds a bare one to lower case, H2 to upper case,
        // MariaDB ignores case where lower_case_table_names says so; quoted, as written.
        return compared(name.schema(), name.schemaQuoted()).equals(compared(own, true));
    }

    /**
     * The schema of a name qualified with another than the target's own, as the database keeps it: where its table is
     * looked for (its rows lose their tenant as well); null for the target's own.
     */
    String otherSchema(TableName name) {
        return isOwn(name) ? null : folded(name.schema(), name.schemaQuoted());
    }

    /**
     * The table of {@code tables} the name resolves to: the one named alike in any case when there is one; among several
     * (PostgreSQL's {@code "Orders"} beside {@code orders}), the one the database reads the name as (quoted: as written;
     * bare: folded).
     */
    SchemaSnapshot.Table resolve(List<SchemaSnapshot.Table> tables, TableName name) {
        List<SchemaSnapshot.Table> alike = tables.stream().filter(t -> t.name().equalsIgnoreCase(name.table())).toList();
        if (alike.size() < 2) {
            return alike.isEmpty() ? null : alike.get(0);
        }
        String exact = folded(name.table(), name.tableQuoted());
        return alike.stream().filter(t -> t.name().equals(exact)).findFirst().orElse(alike.get(0));
    }

    /** One key for the names of one table: its schema ("" for the target's own) and its name, each compared as stored. */
    String key(TableName name) {
        String schema = isOwn(name) ? "" : compared(name.schema(), name.schemaQuoted());
        return schema + "\u0000" + compared(name.table(), name.tableQuoted());
    }

    private String compared(String name, boolean quoted) {
        boolean ignoresCase = "sqlite".equals(dialect) || "mariadb".equals(dialect) && !caseSensitive;
        return ignoresCase ? name.toLowerCase(Locale.ROOT) : folded(name, quoted);
    }

    /**
     * Where {@code ALTER TABLE from RENAME TO to} puts the table: an unqualified new name stays in the table's schema
     * (PostgreSQL, H2, SQLite), except on MariaDB, which moves it into the current database, the target's.
     */
    TableName renamedTo(TableName from, TableName to) {
        return to.schema() != null || "mariadb".equals(dialect) ? to
                : new TableName(from.schema(), from.schemaQuoted(), to.table(), to.tableQuoted());
    }
}
