package dev.flotilla.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The targets of one dialect: N PostgreSQL schemas in the database {@code flotilla_bench}, or M MariaDB
 * databases, each with the base schema. Built from nothing, and reset to the base between contenders.
 */
final class Fixture {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String PG_DATABASE = "flotilla_bench";
    static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    final boolean postgres;
    final List<String> targets = new ArrayList<>();

    Fixture(boolean postgres, int count) {
        this.postgres = postgres;
        for (int i = 1; i <= count; i++) {
            targets.add(String.format(postgres ? "b%05d" : "fbench_%05d", i));
        }
    }

    String name() {
        return postgres ? "PostgreSQL, " + targets.size() + " schemas" : "MariaDB, " + targets.size() + " databases";
    }

    /** The JDBC URL of the server (PostgreSQL: of the bench database), without a schema. */
    String serverUrl() {
        return postgres ? PG_SERVER + PG_DATABASE : MARIADB_SERVER;
    }

    /** A URL that lands in one target: the bench database for PostgreSQL (schema set apart), the database for MariaDB. */
    String urlOf(String target) {
        return postgres ? PG_SERVER + PG_DATABASE : MARIADB_SERVER + target;
    }

    String user() {
        return postgres ? "postgres" : "root";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl(), user(), "");
    }

    /** Drops whatever an earlier run left and builds every target with the base schema. */
    void build() throws Exception {
        if (postgres) {
            try (Connection admin = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + PG_DATABASE);
            }
        } else {
            try (Connection admin = connect(); Statement s = admin.createStatement();
                 ResultSet old = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'fbench\\_%'")) {
                List<String> names = new ArrayList<>();
                while (old.next()) {
                    names.add(old.getString(1));
                }
                for (String name : names) {
                    s.execute("DROP DATABASE `" + name + "`");
                }
            }
        }
        List<String> create = new ArrayList<>();
        create.add(postgres ? "CREATE SCHEMA %s" : "CREATE DATABASE %s");
        create.add(postgres ? "SET search_path TO %s" : "USE %s");
        create.addAll(Workload.base(postgres));
        forEachTarget(4, target -> create);
    }

    /** Takes every target back to the base schema, without any tool's history table. */
    void reset() throws Exception {
        List<String> reset = new ArrayList<>();
        reset.add(postgres ? "SET search_path TO %s" : "USE %s");
        reset.addAll(Workload.reset(postgres));
        forEachTarget(4, target -> reset);
        vacuumCatalog();
    }

    /** Takes the migration out of every target, keeping the history tables but the migration's row in {@code historyTable}. */
    void undoKeepingHistory(String historyTable) throws Exception {
        List<String> undo = new ArrayList<>();
        undo.add(postgres ? "SET search_path TO %s" : "USE %s");
        undo.addAll(Workload.undoKeepingHistory(postgres, historyTable));
        forEachTarget(4, target -> undo);
        vacuumCatalog();
    }

    /**
     * Every run creates and drops thousands of tables, and with them rows of the system catalogs. Where
     * autovacuum is off (as on the machine this was first measured on) their dead rows pile up and each run's
     * catalog reads get slower than the last (a dry run over 1,000 schemas: 66 s, then over 6 minutes), so the
     * reset, which is not timed, vacuums them for every contender alike.
     */
    private void vacuumCatalog() throws SQLException {
        if (!postgres) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE) pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_depend,"
                    + " pg_catalog.pg_constraint, pg_catalog.pg_trigger, pg_catalog.pg_index, pg_catalog.pg_type,"
                    + " pg_catalog.pg_attrdef, pg_catalog.pg_shdepend");
        }
    }

    /** Drops the bench targets. */
    void drop() throws Exception {
        if (postgres) {
            try (Connection admin = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
            }
        } else {
            forEachTarget(4, target -> List.of("DROP DATABASE IF EXISTS %s"));
        }
    }

    interface Statements {
        List<String> of(String target);
    }

    /** Runs statements (with %s for the target's name) on every target, {@code threads} connections at once. */
    private void forEachTarget(int threads, Statements statements) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                work.add(pool.submit(() -> {
                    try (Connection c = connect(); Statement s = c.createStatement()) {
                        for (int i = offset; i < targets.size(); i += threads) {
                            for (String sql : statements.of(targets.get(i))) {
                                s.execute(sql.formatted(targets.get(i)));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
