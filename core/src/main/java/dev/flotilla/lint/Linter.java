package dev.flotilla.lint;

import dev.flotilla.sql.SqlStatement;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads migration statements for operations that are risky in production and says why and what to do.
 * Reads SQL text, so it sees what a statement says, not what a procedure does. Thread-safe; one
 * {@link #lint} call sees the scripts in the order they would run, so a table created by an earlier
 * statement of the same script (or, in a dry run, of an earlier pending script) is known to be new and empty.
 */
public final class Linter {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)^CREATE (?:(?:GLOBAL |LOCAL )?(?:TEMPORARY|TEMP) )?TABLE (?:IF NOT EXISTS )?" + SqlText.NAME + " ?\\(");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + SqlText.NAME + " (.*)$");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?"
            + "(?:" + SqlText.NAME + " )?ON (?:ONLY )?" + SqlText.NAME + " ?(?:USING \\w+ ?)?\\(");
    private static final Pattern INSERT_SELECT = Pattern.compile("(?i)^INSERT INTO " + SqlText.NAME
            + " (?:\\([^)]*\\) ?)?SELECT .*? FROM " + SqlText.NAME);
    private static final Pattern RENAME_TO = Pattern.compile("(?i)^RENAME TO " + SqlText.NAME + "$");
    private static final Pattern DDL = Pattern.compile("(?i)^(CREATE|ALTER|DROP|RENAME|TRUNCATE) ");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?i)^DROP (?:COLUMN )?(?:IF EXISTS )?(?!(?:CONSTRAINT|INDEX|KEY"
            + "|PRIMARY|FOREIGN|CHECK|DEFAULT|NOT|PARTITION|TRIGGER|EXPRESSION|IDENTITY|SYSTEM)\\b)" + SqlText.NAME);
    private static final Pattern ADD_COLUMN = Pattern.compile("(?i)^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(?!(?:CONSTRAINT|INDEX|KEY"
            + "|PRIMARY|FOREIGN|CHECK|UNIQUE|FULLTEXT|SPATIAL|PARTITION)\\b)" + SqlText.NAME + " (.*)$");
    private static final Pattern TYPE_CHANGE = Pattern.compile("(?i)^(?:ALTER (?:COLUMN )?" + SqlText.NAME
            + " (?:SET DATA )?TYPE |MODIFY (?:COLUMN )?" + SqlText.NAME + " |CHANGE (?:COLUMN )?" + SqlText.NAME + " )");
    private static final Pattern FOREIGN_KEY = Pattern.compile("(?i)^(?:ADD )?(?:CONSTRAINT \\S+ )?FOREIGN KEY (?:\\S+ )?\\(");
    private static final Pattern CONSTRAINT_NAME = Pattern.compile("(?i)^(?:ADD )?CONSTRAINT " + SqlText.NAME + " ");
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("(?i)^DROP (?:CONSTRAINT|FOREIGN KEY) (?:IF EXISTS )?"
            + SqlText.NAME + "(?: CASCADE| RESTRICT)?$");
    private static final Pattern KEY = Pattern.compile("(?i)^(?:ADD )?(?:CONSTRAINT \\S+ )?(?:PRIMARY KEY|UNIQUE(?: KEY| INDEX)?)(?: \\S+)? ?\\(");
    /** PostgreSQL's online index forms; MariaDB/MySQL rejects them as a syntax error. */
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)^(CREATE (?:UNIQUE )?INDEX|DROP INDEX) CONCURRENTLY\\b");
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "(?i)\\bDEFAULT \\(?(random|clock_timestamp|gen_random_uuid|uuid_generate_v[14]|nextval|timeofday)\\s*\\(");

    private Linter() {
    }

    public static List<LintFinding> lint(List<LintScript> scripts, LintContext context) {
        Run run = new Run(context);
        for (LintScript script : scripts) {
            run.disabledByScript.put(script.script(), script.disabled());
            run.droppedUnlessRebuilt.clear();
            run.copiedFrom.clear();
            if (!context.pendingTogether()) {
                run.created.clear();
            }
            int ddl = 0;
            for (SqlStatement statement : script.statements()) {
                String sql = run.text.normalize(statement.sql());
                if (DDL.matcher(sql).find()) {
                    ddl++;
                }
                run.statement(script.script(), statement.line(), sql);
            }
            if (ddl > 1 && "mariadb".equals(context.dialect().name())) {
                run.report(LintRule.NON_TRANSACTIONAL_DDL, script.script(), 0, "has " + ddl + " DDL statements, and MariaDB/MySQL"
                        + " commits each one by itself: " + (dev.flotilla.migration.DownScript.isNamed(script.script())
                        ? "if statement k fails, the ones before it stay undone and the rollback is marked failed at k. Prefer"
                        + " one DDL statement per down file, or write each so it can run again (DROP ... IF EXISTS): a half-run"
                        + " rollback is then finished by hand and recorded with `flotilla repair --mark-undone VERSION`."
                        : "if statement k fails, the ones before it stay applied and the tenant is marked failed at k. Prefer one"
                        + " DDL statement per migration, or write the down file so a half-run migration can be undone."));
            }
        }
        run.foreignKeysWithoutIndex();
        run.rls.report(run::report);
        return run.findings;
    }

    /** The state of one lint call: what the earlier statements created. */
    private static final class Run {
        final LintContext context;
        final SqlText text;
        final List<LintFinding> findings = new ArrayList<>();
        final Set<String> created = new HashSet<>();
        final Map<String, List<List<String>>> indexes = new HashMap<>();
        final Map<String, Set<String>> disabledByScript = new HashMap<>();
        final List<ForeignKeyUse> foreignKeys = new ArrayList<>();
        /** This script's drop-table findings, by table, withdrawn when a copy of the table's rows takes its name. */
        final Map<String, LintFinding> droppedUnlessRebuilt = new HashMap<>();
        /** This script's tables filled by an INSERT ... SELECT, and the table each was filled from. */
        final Map<String, String> copiedFrom = new HashMap<>();
        /**
         * The run's missing-tenant-column findings, by table, withdrawn when a later statement of the run gives the table
         * the column (an adoption migration after the one that created it) or drops it; and the tables created with it.
         */
        final Map<String, LintFinding> withoutTenantColumn = new HashMap<>();
        final Set<String> withTenantColumn = new HashSet<>();
        final RlsCoverage rls;

        Run(LintContext context) {
            this.context = context;
            this.text = context.dialect().text();
            this.rls = new RlsCoverage(text);
        }

        void statement(String script, int line, String sql) {
            rls.statement(sql);
            Matcher m;
            if ("mariadb".equals(context.dialect().name()) && (m = CONCURRENTLY.matcher(sql)).find()) {
                String form = m.group(1).toUpperCase(Locale.ROOT) + " CONCURRENTLY";
                report(LintRule.UNSUPPORTED_SYNTAX, script, line, "uses " + form + ", a PostgreSQL-only form: MariaDB/MySQL"
                        + " rejects it as a syntax error, so the migration fails there. Leave CONCURRENTLY out for"
                        + " MariaDB/MySQL tenants (InnoDB builds an index without blocking writes: ALGORITHM=INPLACE,"
                        + " LOCK=NONE), and keep PostgreSQL and MariaDB tenants on separate migration folders when both"
                        + " need their own form.");
            }
            List<String> dropped = text.droppedTables(sql);
            if ((m = CREATE_TABLE.matcher(sql)).find()) {
                createTable(script, line, text.name(m.group(1)), text.parenthesised(sql, m.end() - 1));
            } else if (!dropped.isEmpty()) {
                for (String raw : dropped) {
                    String table = text.name(raw);
                    forget(table);
                    LintFinding finding = report(LintRule.DROP_TABLE, script, line, "drops table " + table + " with all its"
                            + " rows. Make sure no deployed code still reads it (stop using it in one release, drop it in a"
                            + " later one) and that a backup exists.");
                    if (finding != null) {
                        droppedUnlessRebuilt.put(table, finding);
                    }
                }
            } else if ((m = INSERT_SELECT.matcher(sql)).find()) {
                copiedFrom.put(text.name(m.group(1)), text.name(m.group(2)));
            } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
                String table = text.name(m.group(1));
                for (String action : text.splitTopLevel(m.group(2))) {
                    alterAction(script, line, table, action);
                }
            } else if ((m = CREATE_INDEX.matcher(sql)).find()) {
                String table = text.name(m.group(4));
                indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(text.columns(text.parenthesised(sql, m.end() - 1)));
                if ("postgresql".equals(context.dialect().name()) && m.group(2) == null && !created.contains(table)) {
                    indexWithoutConcurrently(script, line, table);
                }
            }
        }

        private void createTable(String script, int line, String table, String body) {
            created.add(table);
            if (body == null) {
                return;
            }
            List<String> columns = new ArrayList<>();
            for (String item : text.splitTopLevel(body)) {
                String upper = item.toUpperCase(Locale.ROOT);
                if (FOREIGN_KEY.matcher(item).find()) {
                    foreignKeys.add(new ForeignKeyUse(table, text.columns(text.parenthesised(item, item.indexOf('('))),
                            constraintName(item), script, line));
                } else if (KEY.matcher(item).find()) {
                    indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(text.columns(text.parenthesised(item, item.indexOf('('))));
                } else if (!upper.startsWith("CONSTRAINT ") && !upper.startsWith("CHECK") && !upper.startsWith("INDEX ")
                        && !upper.startsWith("KEY ")) {
                    String column = text.firstName(item);
                    columns.add(column);
                    if (upper.contains(" PRIMARY KEY") || upper.contains(" UNIQUE")) {
                        indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(List.of(column));
                    }
                    if (upper.contains(" REFERENCES ")) {
                        foreignKeys.add(new ForeignKeyUse(table, List.of(column), null, script, line));
                    }
                }
            }
            rls.created(context, table, columns, script, line);
            String tenantColumn = context.tenantColumn();
            if (tenantColumn != null && columns.contains(tenantColumn.toLowerCase(Locale.ROOT))) {
                withTenantColumn.add(table);
            } else if (tenantColumn != null && !context.options().shared(table)) {
                LintFinding finding = report(LintRule.MISSING_TENANT_COLUMN, script, line, "creates table " + table + " without the tenant column "
                        + tenantColumn + ": in a shared schema its rows would belong to no tenant and be visible to all."
                        + " Add " + tenantColumn + " (NOT NULL, indexed, in the row-level-security policy), or list the table"
                        + " as shared in checks.tenant-column.exclude.");
                if (finding != null) {
                    withoutTenantColumn.put(table, finding);
                }
            }
        }

        /** The table has the tenant column now, or is gone: the finding that its CREATE TABLE lacked it is withdrawn. */
        private void gotTenantColumn(String table) {
            LintFinding finding = withoutTenantColumn.remove(table);
            if (finding != null) {
                findings.remove(finding);
            }
        }

        private void alterAction(String script, int line, String table, String action) {
            Matcher m;
            boolean isNew = created.contains(table);
            if ((m = RENAME_TO.matcher(action)).find()) {
                renamed(table, text.name(m.group(1)));
            } else if ((m = DROP_CONSTRAINT.matcher(action)).find()) {
                String name = text.name(m.group(1));
                foreignKeys.removeIf(fk -> fk.table().equals(table) && name.equals(fk.nameIn(context.dialect().name())));
            } else if ((m = DROP_COLUMN.matcher(action)).find()) {
                report(LintRule.DROP_COLUMN, script, line, "drops column " + table + "." + text.name(m.group(1))
                        + " and its data. Deploy code that no longer reads it first, then drop it in a later release.");
            } else if ((m = ADD_COLUMN.matcher(action)).find()) {
                addColumn(script, line, table, text.name(m.group(1)), m.group(2), isNew);
            } else if ((m = TYPE_CHANGE.matcher(action)).find() && "postgresql".equals(context.dialect().name()) && !isNew) {
                report(LintRule.TABLE_REWRITE, script, line, "changes a column type of " + table + ", which rewrites the"
                        + " table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done."
                        + " On a large table, add a new column, backfill it in batches, and switch over instead.");
            } else if (FOREIGN_KEY.matcher(action).find()) {
                foreignKeys.add(new ForeignKeyUse(table, text.columns(text.parenthesised(action, action.indexOf('('))),
                        constraintName(action), script, line));
            } else if (KEY.matcher(action).find()) {
                indexes.computeIfAbsent(table, t -> new ArrayList<>())
                        .add(text.columns(text.parenthesised(action, action.indexOf('('))));
            }
        }

        /**
         * A table renamed: what the run knows of it goes with its name. Taking the name of a table dropped in this script
         * after being filled from it is the rebuild SQLite documents for changes ALTER TABLE cannot make (new table, rows
         * copied, old one dropped, new one renamed): the rows live on, so the drop is no finding.
         */
        private void renamed(String from, String to) {
            if (created.remove(from)) {
                created.add(to);
            }
            LintFinding lacking = withoutTenantColumn.remove(from);
            if (lacking != null) {
                withoutTenantColumn.put(to, lacking);
            } else if (withTenantColumn.remove(from)) {
                withTenantColumn.add(to);
                gotTenantColumn(to);
            }
            List<List<String>> moved = indexes.remove(from);
            if (moved != null) {
                indexes.put(to, moved);
            }
            foreignKeys.replaceAll(fk -> fk.table().equals(from)
                    ? new ForeignKeyUse(to, fk.columns(), fk.name(), fk.script(), fk.line()) : fk);
            LintFinding drop = droppedUnlessRebuilt.get(to);
            if (drop != null && to.equals(copiedFrom.get(from))) {
                findings.remove(drop);
                droppedUnlessRebuilt.remove(to);
            }
        }

        /** A dropped table: its keys and indexes are gone with it. */
        private void forget(String table) {
            created.remove(table);
            withTenantColumn.remove(table);
            gotTenantColumn(table);
            indexes.remove(table);
            foreignKeys.removeIf(fk -> fk.table().equals(table));
        }

        private void addColumn(String script, int line, String table, String column, String definition, boolean isNew) {
            String tenantColumn = context.tenantColumn();
            if (tenantColumn != null && column.equals(tenantColumn.toLowerCase(Locale.ROOT))) {
                gotTenantColumn(table);
            }
            String upper = definition.toUpperCase(Locale.ROOT);
            if (upper.contains("NOT NULL") && !upper.contains("DEFAULT ") && !upper.contains("GENERATED ")
                    && !upper.contains("AUTO_INCREMENT") && !isNew) {
                OptionalLong rows = context.tables().rowsUpTo(table, 1);
                if (rows.isEmpty() || rows.getAsLong() > 0) {
                    report(LintRule.NOT_NULL_WITHOUT_DEFAULT, script, line, "adds NOT NULL column " + table + "." + column
                            + " without a default" + (rows.isEmpty() ? ": this fails on a table that has rows"
                            : ", and " + table + " has rows: this fails") + " (or, on MariaDB without strict mode, fills"
                            + " zero values). Add a DEFAULT, or add the column nullable, backfill it, then set NOT NULL.");
                }
            }
            if ("postgresql".equals(context.dialect().name()) && !isNew && VOLATILE_DEFAULT.matcher(definition).find()) {
                report(LintRule.TABLE_REWRITE, script, line, "adds column " + table + "." + column + " with a volatile default,"
                        + " which rewrites the whole table under an ACCESS EXCLUSIVE lock. Add the column without the"
                        + " default (or with a constant one), then backfill it in batches.");
            }
        }

        private void indexWithoutConcurrently(String script, int line, String table) {
            OptionalLong rows = context.tables().rowsUpTo(table, context.largeTableRows());
            if (rows.isPresent() && rows.getAsLong() < context.largeTableRows()) {
                return;
            }
            String size = rows.isPresent() ? table + " has at least " + context.largeTableRows() + " rows"
                    : "if " + table + " is large";
            report(LintRule.INDEX_WITHOUT_CONCURRENTLY, script, line, "creates an index on " + table + " without"
                    + " CONCURRENTLY: " + size + ", writes to it wait until the index is built. Use CREATE INDEX"
                    + " CONCURRENTLY (Flotilla runs it outside a transaction).");
        }

        void foreignKeysWithoutIndex() {
            if ("mariadb".equals(context.dialect().name())) {
                return; // InnoDB creates an index for every foreign key that has none.
            }
            for (ForeignKeyUse fk : foreignKeys) {
                List<List<String>> candidates = new ArrayList<>(indexes.getOrDefault(fk.table(), List.of()));
                candidates.addAll(context.tables().indexedColumns(fk.table()).stream()
                        .map(cols -> cols.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()).toList());
                boolean covered = candidates.stream().anyMatch(cols -> cols.size() >= fk.columns().size()
                        && cols.subList(0, fk.columns().size()).equals(fk.columns()));
                if (!covered) {
                    report(LintRule.FOREIGN_KEY_WITHOUT_INDEX, fk.script(), fk.line(), "adds a foreign key on "
                            + fk.table() + " " + fk.columns() + " without an index starting with those columns: deleting or"
                            + " updating a referenced row scans " + fk.table() + ", and joins on it are slow. Add CREATE INDEX"
                            + " ON " + fk.table() + " (" + String.join(", ", fk.columns()) + ").");
                }
            }
        }

        /** The name a key's definition gives it ({@code CONSTRAINT name FOREIGN KEY ...}), lower case; null for none. */
        private String constraintName(String definition) {
            Matcher m = CONSTRAINT_NAME.matcher(definition);
            return m.find() ? text.name(m.group(1)) : null;
        }

        /** Adds the finding unless its rule is off; returns it, or null when it is off. */
        LintFinding report(LintRule rule, String script, int line, String message) {
            if (!context.enabled(rule) || disabledByScript.getOrDefault(script, Set.of()).contains(rule.id())) {
                return null;
            }
            LintFinding finding = new LintFinding(rule.id(), rule.severity(), (line > 0 ? "Statement at line " + line + " "
                    : "This migration ") + message, script, line);
            findings.add(finding);
            return finding;
        }
    }

    /** A foreign key the run added; {@code name} the one its definition gives, null when the database names it. */
    private record ForeignKeyUse(String table, List<String> columns, String name, String script, int line) {
        /**
         * Its name in {@code dialect}, so that a later {@code DROP CONSTRAINT} of it is known: the one given, or
         * PostgreSQL's own ({@code table_col_fkey}, unless it is too long for its 63 characters); null when not known.
         */
        String nameIn(String dialect) {
            String own = table + "_" + String.join("_", columns) + "_fkey";
            return name != null ? name : "postgresql".equals(dialect) && own.length() <= 63 ? own : null;
        }
    }
}
