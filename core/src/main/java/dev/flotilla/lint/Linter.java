package dev.flotilla.lint;

import dev.flotilla.migration.DownScript;
import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
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
            run.report.disabled(script.script(), script.disabled());
            if (!context.pendingTogether()) {
                run.created.clear();
            }
            List<String> normalized = script.statements().stream().map(s -> run.text.normalize(s.sql())).toList();
            List<SqlText.Rebuild> rebuilds = run.text.rebuilds(normalized);
            for (int i = 0; i < normalized.size(); i++) {
                int index = i;
                Set<String> rowsKept = rebuilds.stream().filter(r -> r.drop() == index).map(SqlText.Rebuild::table)
                        .collect(Collectors.toSet());
                run.statement(script.script(), script.statements().get(i).line(), normalized.get(i), rowsKept);
            }
            run.nonTransactionalDdl(script.script(), normalized);
        }
        run.foreignKeys.report(context, run.report);
        run.rls.report(run.report::report);
        return run.report.findings();
    }

    /** The state of one lint call: what the earlier statements created, and each rule's own memory. */
    private static final class Run {
        final LintContext context;
        final SqlText text;
        final LintReport report;
        final Set<String> created = new HashSet<>();
        final ForeignKeyCoverage foreignKeys = new ForeignKeyCoverage();
        final TenantColumnCoverage tenantColumn;
        final RlsCoverage rls;

        Run(LintContext context) {
            this.context = context;
            this.text = context.dialect().text();
            this.report = new LintReport(context);
            this.tenantColumn = new TenantColumnCoverage(context, report);
            this.rls = new RlsCoverage(text);
        }

        /** On MariaDB/MySQL, a script of several DDL statements can stop half-applied: each one commits by itself. */
        void nonTransactionalDdl(String script, List<String> normalized) {
            long ddl = normalized.stream().filter(sql -> DDL.matcher(sql).find()).count();
            if (ddl <= 1 || !"mariadb".equals(context.dialect().name())) {
                return;
            }
            report(LintRule.NON_TRANSACTIONAL_DDL, script, 0, "has " + ddl + " DDL statements, and MariaDB/MySQL"
                    + " commits each one by itself: " + (DownScript.isNamed(script)
                    ? "if statement k fails, the ones before it stay undone and the rollback is marked failed at k."
                    : "if statement k fails, the ones before it stay applied and the tenant is marked failed at k."),
                    DownScript.isNamed(script) ? "Prefer one DDL statement per down file, or write each so it can run again"
                    + " (DROP ... IF EXISTS): a half-run rollback is then finished by hand and recorded with"
                    + " `flotilla repair --mark-undone VERSION`."
                    : "Prefer one DDL statement per migration, or write the down file so a half-run migration can be undone.");
        }

        /** Reads one statement; {@code rowsKept} the tables it drops as part of a rebuild ({@link SqlText#rebuilds}). */
        void statement(String script, int line, String sql, Set<String> rowsKept) {
            rls.statement(sql);
            Matcher m;
            if ("mariadb".equals(context.dialect().name()) && (m = CONCURRENTLY.matcher(sql)).find()) {
                String form = m.group(1).toUpperCase(Locale.ROOT) + " CONCURRENTLY";
                report(LintRule.UNSUPPORTED_SYNTAX, script, line, "uses " + form + ", a PostgreSQL-only form: MariaDB/MySQL"
                        + " rejects it as a syntax error, so the migration fails there.", "Leave CONCURRENTLY out for"
                        + " MariaDB/MySQL tenants (InnoDB builds an index without blocking writes: ALGORITHM=INPLACE,"
                        + " LOCK=NONE), and keep PostgreSQL and MariaDB tenants on separate migration folders when both"
                        + " need their own form.");
            }
            List<String> dropped = text.droppedTables(sql);
            if ((m = CREATE_TABLE.matcher(sql)).find()) {
                createTable(script, line, text.name(m.group(1)), text.parenthesised(sql, m.end() - 1));
            } else if (!dropped.isEmpty()) {
                for (String raw : dropped) {
                    dropTable(script, line, text.name(raw), rowsKept);
                }
            } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
                String table = text.name(m.group(1));
                for (String action : text.splitTopLevel(m.group(2))) {
                    alterAction(script, line, table, action);
                }
            } else if ((m = CREATE_INDEX.matcher(sql)).find()) {
                String table = text.name(m.group(4));
                foreignKeys.index(table, text.columns(text.parenthesised(sql, m.end() - 1)));
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
                    foreignKeys.foreignKey(table, text.columns(text.parenthesised(item, item.indexOf('('))),
                            constraintName(item), script, line);
                } else if (KEY.matcher(item).find()) {
                    foreignKeys.index(table, text.columns(text.parenthesised(item, item.indexOf('('))));
                } else if (!upper.startsWith("CONSTRAINT ") && !upper.startsWith("CHECK") && !upper.startsWith("INDEX ")
                        && !upper.startsWith("KEY ")) {
                    String column = text.firstName(item);
                    columns.add(column);
                    if (upper.contains(" PRIMARY KEY") || upper.contains(" UNIQUE")) {
                        foreignKeys.index(table, List.of(column));
                    }
                    if (upper.contains(" REFERENCES ")) {
                        foreignKeys.foreignKey(table, List.of(column), null, script, line);
                    }
                }
            }
            rls.created(context, table, columns, script, line);
            tenantColumn.created(table, columns, script, line);
        }

        /** A dropped table: what the run knows of it is gone; its rows too, unless a rebuild copied them. */
        private void dropTable(String script, int line, String table, Set<String> rowsKept) {
            created.remove(table);
            tenantColumn.dropped(table);
            foreignKeys.dropped(table);
            if (!rowsKept.contains(table)) {
                report(LintRule.DROP_TABLE, script, line, "drops table " + table + " with all its rows.", "Make sure no"
                        + " deployed code still reads it (stop using it in one release, drop it in a later one) and that a"
                        + " backup exists.");
            }
        }

        private void alterAction(String script, int line, String table, String action) {
            Matcher m;
            boolean isNew = created.contains(table);
            if ((m = RENAME_TO.matcher(action)).find()) {
                renamed(table, text.name(m.group(1)));
            } else if ((m = DROP_CONSTRAINT.matcher(action)).find()) {
                foreignKeys.constraintDropped(table, text.name(m.group(1)), context.dialect().name());
            } else if ((m = DROP_COLUMN.matcher(action)).find()) {
                report(LintRule.DROP_COLUMN, script, line, "drops column " + table + "." + text.name(m.group(1))
                        + " and its data.", "Deploy code that no longer reads it first, then drop it in a later release.");
            } else if ((m = ADD_COLUMN.matcher(action)).find()) {
                addColumn(script, line, table, text.name(m.group(1)), m.group(2), isNew);
            } else if ((m = TYPE_CHANGE.matcher(action)).find() && "postgresql".equals(context.dialect().name()) && !isNew) {
                report(LintRule.TABLE_REWRITE, script, line, "changes a column type of " + table + ", which rewrites the"
                        + " table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.",
                        "On a large table, add a new column, backfill it in batches, and switch over instead.");
            } else if (FOREIGN_KEY.matcher(action).find()) {
                foreignKeys.foreignKey(table, text.columns(text.parenthesised(action, action.indexOf('('))),
                        constraintName(action), script, line);
            } else if (KEY.matcher(action).find()) {
                foreignKeys.index(table, text.columns(text.parenthesised(action, action.indexOf('('))));
            }
        }

        /** A table renamed: what the run knows of it goes with its name. */
        private void renamed(String from, String to) {
            if (created.remove(from)) {
                created.add(to);
            }
            tenantColumn.renamed(from, to);
            foreignKeys.renamed(from, to);
        }

        private void addColumn(String script, int line, String table, String column, String definition, boolean isNew) {
            tenantColumn.columnAdded(table, column);
            String upper = definition.toUpperCase(Locale.ROOT);
            if (upper.contains("NOT NULL") && !upper.contains("DEFAULT ") && !upper.contains("GENERATED ")
                    && !upper.contains("AUTO_INCREMENT") && !isNew) {
                OptionalLong rows = context.tables().rowsUpTo(table, 1);
                if (rows.isEmpty() || rows.getAsLong() > 0) {
                    // MariaDB and MySQL do not refuse it, strict mode or not: ALTER TABLE gives every row the
                    // type's implicit default, which the application then reads as if it had written it.
                    String outcome = "mariadb".equals(context.dialect().name())
                            ? "gives every existing row the type's implicit default ('' or 0), strict mode or not (a date"
                            + " column is refused where NO_ZERO_DATE is set)"
                            : "fails";
                    report(LintRule.NOT_NULL_WITHOUT_DEFAULT, script, line, "adds NOT NULL column " + table + "." + column
                            + " without a default" + (rows.isEmpty() ? ": on a table that has rows, this " + outcome
                            : ", and " + table + " has rows: this " + outcome) + ".",
                            "Add a DEFAULT, or add the column nullable, backfill it, then set NOT NULL.");
                }
            }
            if ("postgresql".equals(context.dialect().name()) && !isNew && VOLATILE_DEFAULT.matcher(definition).find()) {
                report(LintRule.TABLE_REWRITE, script, line, "adds column " + table + "." + column + " with a volatile default,"
                        + " which rewrites the whole table under an ACCESS EXCLUSIVE lock.", "Add the column without the"
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
                    + " CONCURRENTLY: " + size + ", writes to it wait until the index is built.", "Use CREATE INDEX"
                    + " CONCURRENTLY (Flotilla runs it outside a transaction).");
        }

        /** The name a key's definition gives it ({@code CONSTRAINT name FOREIGN KEY ...}), lower case; null for none. */
        private String constraintName(String definition) {
            Matcher m = CONSTRAINT_NAME.matcher(definition);
            return m.find() ? text.name(m.group(1)) : null;
        }

        void report(LintRule rule, String script, int line, String what, String remedy) {
            report.report(rule, script, line, what, remedy);
        }
    }
}
