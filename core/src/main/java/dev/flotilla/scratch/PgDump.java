package dev.flotilla.scratch;

import dev.flotilla.ErrorCode;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code pg_dump --schema-only} for one schema of a PostgreSQL target. The password goes to pg_dump
 * through its environment, never its command line. {@code FLOTILLA_PG_DUMP} names another pg_dump binary.
 */
final class PgDump {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private PgDump() {
    }

    static String schemaOnly(TargetSpec spec, String schema, Set<String> excludedTables) {
        return schemaOnly(spec, schema, excludedTables, null);
    }

    /** @param lockWait how long pg_dump waits for a table another session holds; null: without bound */
    static String schemaOnly(TargetSpec spec, String schema, Set<String> excludedTables, Duration lockWait) {
        List<String> arguments = new ArrayList<>(List.of("--schema-only", "--no-owner", "--no-privileges",
                "--schema=" + quoted(schema)));
        if (lockWait != null) {
            arguments.add("--lock-wait-timeout=" + Math.max(1, lockWait.toMillis()));
        }
        excludedTables.forEach(table -> arguments.add("--exclude-table=" + quoted(schema) + "." + quoted(table)));
        arguments.add("--dbname=" + ClientConnection.conninfo(spec));
        String configured = System.getenv("FLOTILLA_PG_DUMP");
        ExternalTool pgDump = new ExternalTool(configured == null || configured.isBlank() ? "pg_dump" : configured,
                "postgresql-client");
        return pgDump.run(arguments, ClientConnection.postgresEnvironment(spec), null, null, TIMEOUT, spec,
                ErrorCode.CLONE_FAILED, ScratchClone.COPYING);
    }

    /**
     * {@code tables} with the sequences they own ({@code serial} columns, {@code OWNED BY}) in {@code source}'s schema:
     * pg_dump's {@code --exclude-table} leaves a table out but still dumps the sequence it owns, so a copy leaving out
     * another tool's history table ({@code id serial}) would gain a sequence the schema it copies is not compared with.
     */
    static Set<String> withOwnedSequences(TargetSession source, Set<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return tables;
        }
        List<Object> parameters = new ArrayList<>(List.of(source.schema()));
        parameters.addAll(tables);
        Set<String> excluded = new LinkedHashSet<>(tables);
        excluded.addAll(Jdbc.queryStrings(source.connection(), "SELECT s.relname FROM pg_catalog.pg_class s"
                + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid"
                + " AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'a'"
                + " JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE s.relkind = 'S' AND n.nspname = ? AND t.relname IN ("
                + Jdbc.marks(tables.size()) + ")", parameters.toArray()));
        return excluded;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The same JDBC URL pointing at another database on the same server. */
    static String withDatabase(String jdbcUrl, String database) {
        return jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/" + database);
    }
}
