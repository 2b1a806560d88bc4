package dev.flotilla.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A dialect-neutral description of one target's schema: its tables with their columns, keys, indexes,
 * constraints, triggers and row-level-security policies, its views, its sequences and its functions and
 * procedures. Flotilla's history table is left out. Immutable; every list is sorted by identity, so two snapshots
 * of equal schemas are equal.
 *
 * <p>Index and constraint names are kept for display but are not part of an object's identity: databases
 * generate them ({@code serials_company_id_fkey}, {@code serials_ibfk_1}, {@code sqlite_autoindex_serials_1},
 * {@code CONSTRAINT_4}), so two tenants built by the same migrations can differ only in them.
 */
public record SchemaSnapshot(String dialect, List<Table> tables, List<View> views, List<Sequence> sequences,
                             List<Routine> routines) {
    /**
     * The format {@link #fingerprint()} computes. Stored fingerprints carry the format they were computed in and are
     * compared with {@link #fingerprint(int)} of that format: 1 covered tables and views, 2 adds sequences and
     * routines (a stored format-1 fingerprint still matches a schema whose tables and views are unchanged), 3 adds a
     * MariaDB sequence's options and an H2 trigger's events together and its row or statement level (a stored
     * format-2 fingerprint still matches a schema whose sequences and triggers are otherwise unchanged), 4 adds the
     * source of an H2 trigger given as source (a stored format-3 fingerprint still matches such a trigger by the rest),
     * 5 quotes a dotted name in a foreign key's reference to another schema's table ({@link TableReference}: a stored
     * format-4 fingerprint, which read {@code other.a.b}, still matches it), 6 quotes both names of another schema's
     * table a reference to which reads as a table of the target's own ({@code "a"."b"} beside the target's "a.b"; a
     * stored format-5 fingerprint, which read {@code a.b}, still matches it).
     */
    public static final int FINGERPRINT_FORMAT = 6;

    public SchemaSnapshot {
        tables = tables.stream().sorted(Comparator.comparing(Table::name)).toList();
        views = views.stream().sorted(Comparator.comparing(View::name)).toList();
        sequences = sequences.stream().sorted(Comparator.comparing(Sequence::name)).toList();
        routines = routines.stream().sorted(Comparator.comparing(Routine::identity)).toList();
    }

    /** A snapshot of tables and views only (a dialect without sequences or routines, or a test). */
    public SchemaSnapshot(String dialect, List<Table> tables, List<View> views) {
        this(dialect, tables, views, List.of(), List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The same schema without the tables {@code names} (compared as the set compares them) and their triggers. */
    public SchemaSnapshot withoutTables(Set<String> names) {
        if (names.isEmpty() || tables.stream().noneMatch(t -> names.contains(t.name()))) {
            return this;
        }
        return new SchemaSnapshot(dialect, tables.stream().filter(t -> !names.contains(t.name())).toList(), views, sequences,
                routines);
    }

    /**
     * A stable SHA-256 over the canonical form in the current {@link #FINGERPRINT_FORMAT}: equal for schemas that differ
     * only in generated names, different for any other difference.
     */
    public String fingerprint() {
        return fingerprint(FINGERPRINT_FORMAT);
    }

    /** The fingerprint in an earlier {@code format}, to compare with one stored in it; see {@link #FINGERPRINT_FORMAT}. */
    public String fingerprint(int format) {
        return CanonicalForm.fingerprint(canonicalLines(format));
    }

    /** One line per object, without generated names, in a fixed order. */
    public List<String> canonicalLines() {
        return canonicalLines(FINGERPRINT_FORMAT);
    }

    /** The canonical lines of {@code format}: format 1 had tables and views only. */
    public List<String> canonicalLines(int format) {
        return CanonicalForm.lines(this, format);
    }

    /**
     * One table. Lists are in a stable order (columns by position, the rest by their identity).
     *
     * @param caseSensitiveNames whether the database tells column names apart by case (PostgreSQL: {@code "TENANT_ID"}
     *     is not {@code tenant_id}); MariaDB, SQLite and H2 snapshots match them case-insensitively
     */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                        List<Unique> uniques, List<ForeignKey> foreignKeys, List<Check> checks,
                        List<Trigger> triggers, RowSecurity rowSecurity, List<Policy> policies, boolean caseSensitiveNames) {
        public Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes, List<Unique> uniques,
                     List<ForeignKey> foreignKeys, List<Check> checks, List<Trigger> triggers, RowSecurity rowSecurity,
                     List<Policy> policies) {
            this(name, columns, primaryKey, indexes, uniques, foreignKeys, checks, triggers, rowSecurity, policies, false);
        }

        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            indexes = sorted(indexes, Index::identity);
            uniques = sorted(uniques, Unique::identity);
            foreignKeys = sorted(foreignKeys, ForeignKey::identity);
            checks = sorted(checks, Check::identity);
            triggers = sorted(triggers, Trigger::identity);
            policies = sorted(policies, Policy::identity);
        }

        /**
         * The column the database would find for {@code column}. Where names are case-sensitive, the exact name, else
         * the name as a bare identifier folds (a configured {@code Tenant_Id} finds {@code tenant_id}), never one that
         * differs only in case ({@code tenant_id} does not find {@code "TENANT_ID"}).
         */
        public Optional<Column> column(String column) {
            if (!caseSensitiveNames) {
                return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
            }
            Optional<Column> exact = columns.stream().filter(c -> c.name().equals(column)).findFirst();
            String folded = column.matches("[A-Za-z_][A-Za-z0-9_$]*") ? column.toLowerCase(java.util.Locale.ROOT) : column;
            return exact.isPresent() ? exact : columns.stream().filter(c -> c.name().equals(folded)).findFirst();
        }

        /** Whether two column names (as the catalog spells them) name the same column of this table. */
        public boolean sameColumn(String a, String b) {
            return caseSensitiveNames ? a.equals(b) : a.equalsIgnoreCase(b);
        }

        private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
            return items.stream().sorted(Comparator.comparing(key)).toList();
        }
    }

    /** @param defaultValue the default expression as the catalog shows it, null when there is none */
    public record Column(String name, String type, boolean nullable, String defaultValue) {
        String identity() {
            return name;
        }

        public String describe() {
            return type + (nullable ? "" : " not null") + (defaultValue == null ? "" : " default " + defaultValue);
        }
    }

    /**
     * @param columns column names or expressions, in index order
     * @param where the predicate of a partial index, null for a full one
     * @param method the access method where it is not the default (PostgreSQL {@code gin}, MariaDB {@code FULLTEXT})
     */
    public record Index(String name, List<String> columns, boolean unique, String where, String method) {
        public Index {
            columns = List.copyOf(columns);
        }

        String identity() {
            return (unique ? "unique " : "") + (method == null ? "" : method + " ") + "(" + String.join(", ", columns) + ")"
                    + (where == null ? "" : " where " + where);
        }
    }

    public record Unique(String name, List<String> columns) {
        public Unique {
            columns = List.copyOf(columns);
        }

        String identity() {
            return "(" + String.join(", ", columns) + ")";
        }
    }

    /**
     * @param onDelete and {@code onUpdate}: {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, {@code RESTRICT} or {@code NO ACTION}
     * @param validated false for a PostgreSQL key added {@code NOT VALID} and never validated: new rows are checked,
     *     the rows that were there are not (and may be orphans)
     */
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                             String onDelete, String onUpdate, boolean validated) {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        public ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                          String onDelete, String onUpdate) {
            this(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, true);
        }

        String identity() {
            return "(" + String.join(", ", columns) + ") references " + referencedTable + " ("
                    + String.join(", ", referencedColumns) + ") on delete " + onDelete + " on update " + onUpdate
                    + (validated ? "" : " not valid");
        }
    }

    public record Check(String name, String expression) {
        String identity() {
            return expression;
        }
    }

    /**
     * @param event what fires it; {@code INSERT OR UPDATE} for a trigger of several events (PostgreSQL, H2)
     * @param definition how the trigger fires and what it runs, as the catalog shows it
     */
    public record Trigger(String name, String timing, String event, String definition) {
        /** What an H2 trigger's definition ends with before the Java class it calls. */
        static final String H2_CALL = " CALL ";
        /** What an H2 trigger's definition ends with before its source, a string literal ({@code source} where unread). */
        static final String H2_SOURCE = " AS ";

        String identity() {
            return name + " " + timing + " " + event + " " + definition;
        }
    }

    /** PostgreSQL's row-level-security flags; both off elsewhere. */
    public record RowSecurity(boolean enabled, boolean forced) {
        public static final RowSecurity OFF = new RowSecurity(false, false);

        @Override
        public String toString() {
            return enabled ? (forced ? "row security forced" : "row security enabled") : "row security off";
        }
    }

    /** A PostgreSQL row-level-security policy. */
    public record Policy(String name, String command, boolean permissive, List<String> roles, String using, String withCheck) {
        public Policy {
            roles = List.copyOf(roles);
        }

        String identity() {
            return name + " for " + command + (permissive ? "" : " restrictive") + " to " + roles
                    + (using == null ? "" : " using " + using) + (withCheck == null ? "" : " with check " + withCheck);
        }
    }

    /**
     * A sequence that stands on its own (not one PostgreSQL made for a serial or identity column: those are part of
     * their column).
     *
     * @param definition its options as the catalog shows them ({@code bigint start 1 increment 1 ...})
     */
    public record Sequence(String name, String definition) {
    }

    /**
     * A function or procedure (PostgreSQL outside extensions, MariaDB/MySQL stored routines, H2 aliases).
     *
     * @param kind {@code function} or {@code procedure}
     * @param signature its name with the types of its arguments, which tell overloads apart: {@code add_serial(integer)}
     * @param definition its whole normalized definition (arguments, result, language, body), so that an edited body
     *     is a change
     */
    public record Routine(String kind, String signature, String definition) {
        String identity() {
            return kind + " " + signature;
        }
    }

    /**
     * @param definition the query, prefixed with {@code materialized } for a materialized view
     * @param reads the tables and views of the same schema the view reads directly (PostgreSQL; empty elsewhere)
     * @param securityInvoker PostgreSQL 15's {@code security_invoker}: the view reads its tables with the rights
     *     (and under the row-level security) of the user who queries it, not of its owner
     */
    public record View(String name, String definition, List<String> reads, boolean securityInvoker) {
        public View {
            reads = List.copyOf(reads);
        }

        public View(String name, String definition) {
            this(name, definition, List.of(), false);
        }

        /** Materialized: its rows are stored, and row-level security never filters them. */
        public boolean materialized() {
            return definition.startsWith("materialized ");
        }
    }
}
