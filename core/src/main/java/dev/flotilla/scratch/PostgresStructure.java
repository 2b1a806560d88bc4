package dev.flotilla.scratch;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A PostgreSQL schema's structure from {@code pg_dump --schema-only}: everything it names is qualified by the
 * schema, which becomes the token. The dump's session settings are left out but for function bodies not being
 * checked while objects they use are still missing; the CREATE SCHEMA is left out (the new one exists).
 */
final class PostgresStructure {
    private PostgresStructure() {
    }

    static List<String> statements(TargetSession source, Set<String> excluded, Duration lockTimeout) throws SQLException {
        String dump;
        try {
            dump = PgDump.schemaOnly(source.spec(), source.schema(), PgDump.withOwnedSequences(source, excluded), lockTimeout);
        } catch (FlotillaException e) {
            // pg_dump locks each table first (LOCK TABLE .. IN ACCESS SHARE MODE), and says which query failed.
            if (lockTimeout == null || !String.valueOf(e.getMessage()).contains("Query was: LOCK TABLE")) {
                throw e;
            }
            throw Failures.tableHeld(source, lockTimeout, ScratchClone.COPYING, "for a table", e, ". Try again once"
                    + " that session has released it, or raise deploy.lockTimeout in flotilla.yml.\n" + e.getMessage());
        }
        String sql = Arrays.stream(dump.split("\n", -1)).filter(line -> !line.startsWith("\\")).collect(Collectors.joining("\n"));
        List<String> statements = new ArrayList<>();
        statements.add("SET check_function_bodies = false");
        for (SqlStatement statement : source.dialect().split(sql)) {
            String text = statement.sql();
            String upper = text.stripLeading().toUpperCase(Locale.ROOT);
            if (upper.startsWith("SET ") || upper.startsWith("SELECT PG_CATALOG.SET_CONFIG") || upper.startsWith("CREATE SCHEMA")
                    || upper.startsWith("COMMENT ON SCHEMA") || upper.startsWith("ALTER SCHEMA")) {
                continue;
            }
            statements.add(StructureScript.tokenize(text, source.schema(), source.dialect()));
        }
        statements.add("RESET check_function_bodies");
        return statements;
    }
}
