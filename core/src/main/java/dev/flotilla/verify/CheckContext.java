package dev.flotilla.verify;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.util.List;

/**
 * What the checks work on: a connection to the target (or its dry-run transaction or clone), its schema,
 * and what the caller knows from before.
 *
 * @param schema the schema the checks read, qualified into every query
 * @param snapshot the schema as it is now
 * @param rowsBefore row counts taken before the deployment, with each foreign key's orphan rows where those were
 *     counted; null outside a deployment ({@code row-counts} is skipped, {@code fk-orphans} fails on every orphan)
 * @param migrations the migration files, for {@code history}; null to skip it
 * @param appliedNow the versions this deployment applied, which {@code history} requires recorded
 * @param expected what a dry run said the migrations would change; null to skip {@code expected-objects}
 * @param version the newest version in effect on the target as the checks see it (a dry run's pending migrations
 *     counted as applied); null when none is. A check with a {@link Since} later than this is skipped
 * @param dryRun whether the checks run inside a dry run, on migrations not applied yet: advice that reads the live
 *     schema (flotilla tenancy rls) cannot see what they create
 */
public record CheckContext(Connection connection, Dialect dialect, String schema, String historyTable,
                           SchemaSnapshot snapshot, VerifyOptions options, TenantScope scope, RowCounts rowsBefore,
                           LoadedMigrations migrations, List<String> appliedNow, SchemaDiff expected,
                           String version, boolean dryRun) {
    public CheckContext {
        appliedNow = List.copyOf(appliedNow);
    }

    /** Outside a dry run. */
    public CheckContext(Connection connection, Dialect dialect, String schema, String historyTable, SchemaSnapshot snapshot,
                        VerifyOptions options, TenantScope scope, RowCounts rowsBefore, LoadedMigrations migrations,
                        List<String> appliedNow, SchemaDiff expected, String version) {
        this(connection, dialect, schema, historyTable, snapshot, options, scope, rowsBefore, migrations, appliedNow, expected,
                version, false);
    }

    /**
     * The same target, its dialect as the server tells table names apart ({@link Dialect#forNames}: on MariaDB, its
     * {@code lower_case_table_names}, one query), read once for every check that compares configured names with the schema's.
     */
    CheckContext withServerNames() {
        return new CheckContext(connection, dialect.forNames(connection), schema, historyTable, snapshot, options, scope,
                rowsBefore, migrations, appliedNow, expected, version, dryRun);
    }

    /** The same target, the checks reading {@code scope}'s rows, compared with {@code rowsBefore}. */
    CheckContext withScope(TenantScope scope, RowCounts rowsBefore) {
        return new CheckContext(connection, dialect, schema, historyTable, snapshot, options, scope, rowsBefore, migrations,
                appliedNow, expected, version, dryRun);
    }

    /** Null when a check with {@code since} applies to this target, else why not yet (the skipped result's message). */
    String notYet(Since since) {
        return since == null || since.reachedBy(version) ? null : since.notYet(version);
    }

    /**
     * {@code "schema"."table"} in the dialect's quoting, for a table or view of the target's schema as its snapshot names
     * it: unquoted and unqualified, so a dot is part of the name ({@code "order.lines"}), not a schema's end.
     */
    String qualified(String table) {
        return qualified(dialect, schema, table);
    }

    /** {@code table}, a name as the snapshot of {@code schema} gives it, of that schema in the dialect's quoting. */
    static String qualified(Dialect dialect, String schema, String table) {
        return dialect.quote(schema) + "." + dialect.quote(table);
    }
}
