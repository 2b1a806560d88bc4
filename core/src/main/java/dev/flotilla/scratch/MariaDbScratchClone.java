package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scratch database on the target's MariaDB/MySQL server, built from {@code SHOW CREATE} of every table (and
 * sequence), function, procedure, view and trigger. References to the target's database inside routines, views and
 * triggers are pointed at the copy, and DEFINER clauses are dropped so the copy needs no SUPER privilege.
 */
final class MariaDbScratchClone implements ScratchClone {
    private static final String TRIGGERS = MariaDbStructure.TRIGGERS;
    /** ER_DBACCESS_DENIED_ERROR: the user may not use (here, create) the database named. */
    private static final int ACCESS_DENIED_TO_DATABASE = 1044;
    private static final Pattern REFUSED_USER = Pattern.compile("for user ('[^']*'@'[^']*')");
    private static final String CHARSET = """
            SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?""";

    @Override
    public Scratch create(TargetSession source, Set<String> excluded, RowSample sample) throws SQLException {
        Dialect dialect = source.dialect();
        Connection from = source.connection();
        String name = ScratchNames.next();
        Connection copy = TargetSession.connectToServerOnly(source.spec());
        AutoCloseable dropper = () -> {
            try (copy) {
                Jdbc.execute(copy, "DROP DATABASE IF EXISTS " + dialect.quote(name));
            }
        };
        try {
            // Open before it exists: a cleanup in this process (the console's) leaves alone what this process has open.
            ScratchRegistry.remember(name, dropper, source.spec()::scrub);
            List<String> charset = Jdbc.queryRow(from, CHARSET, source.schema());
            if (charset.isEmpty()) {
                // A tenant's first deploy creates its database: until then the copy starts empty, as the server would make it.
                charset = Jdbc.queryRow(from, "SELECT @@character_set_server, @@collation_server");
            }
            createDatabase(copy, "CREATE DATABASE " + dialect.quote(name) + " CHARACTER SET " + charset.get(0)
                    + " COLLATE " + charset.get(1));
            Jdbc.execute(copy, "USE " + dialect.quote(name));
            Jdbc.execute(copy, "SET FOREIGN_KEY_CHECKS = 0");
            MariaDbStructure.Listed listed = MariaDbStructure.Listed.of(source, table -> !excluded.contains(table));
            List<String> tables = listed.tables();
            String qualified = dialect.quote(source.schema()) + ".";
            // With their options, which SHOW CREATE TABLE would leave at the defaults; before the tables that use them.
            for (String sequence : listed.sequences()) {
                Jdbc.execute(copy, MariaDbStructure.showCreate(from, "SEQUENCE " + qualified + dialect.quote(sequence), 2));
            }
            for (String table : tables) {
                Jdbc.execute(copy, MariaDbStructure.ownSequencesMoved(MariaDbStructure.showCreate(from, "TABLE " + qualified
                        + dialect.quote(table), 2), source.schema(), dialect.quote(name), dialect));
            }
            if (sample.rows() > 0) {
                SampleRows.copy(dialect, from, source.schema(), copy, name, tables, sample);
            }
            for (String routine : MariaDbStructure.routines(source)) {
                Jdbc.execute(copy, rewrite(routine, source.schema(), name, dialect));
            }
            List<String> viewStatements = new ArrayList<>();
            for (String view : listed.views()) {
                viewStatements.add(rewrite(MariaDbStructure.showCreate(from, "VIEW " + qualified + dialect.quote(view), 2), source.schema(),
                        name, dialect));
            }
            StructureScript.executeInAnyOrder(copy, viewStatements);
            for (String trigger : Jdbc.queryStrings(from, TRIGGERS, source.schema())) {
                Jdbc.execute(copy, rewrite(MariaDbStructure.showCreate(from, "TRIGGER " + qualified + dialect.quote(trigger), 3),
                        source.schema(), name, dialect));
            }
            Jdbc.execute(copy, "SET FOREIGN_KEY_CHECKS = 1");
            return new Scratch(name, name, copy, dropper);
        } catch (SQLException | RuntimeException e) {
            ScratchRegistry.forget(name);
            closeQuietly(dropper);
            throw e;
        }
    }

    /**
     * Runs {@code create}; a user the server refuses the scratch database (error 1044, "Access denied ... to database
     * 'flotilla_dry_...'") is told the grant that lets it make and drop them, naming the user as the server did.
     */
    private static void createDatabase(Connection copy, String create) throws SQLException {
        try {
            Jdbc.execute(copy, create);
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED_TO_DATABASE) {
                throw e;
            }
            Matcher user = REFUSED_USER.matcher(String.valueOf(e.getMessage()));
            String grantee = user.find() ? user.group(1) : "'USER'@'HOST'";
            throw new SQLException(Failures.sentence(e.getMessage()) + " A dry run copies the target into a scratch database"
                    + " (" + ScratchNames.PREFIX + "...) that the target's user creates and drops: allow it, as a user who may"
                    + " grant: GRANT ALL ON `" + ScratchNames.PREFIX.replace("_", "\\_") + "%`.* TO " + grantee + ".",
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static String rewrite(String sql, String schema, String scratch, Dialect dialect) {
        return MariaDbStructure.withoutDefiner(sql).replace(dialect.quote(schema) + ".", dialect.quote(scratch) + ".");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already failing; the original error says more. A leftover is found by `dry-run --cleanup`.
        }
    }
}
