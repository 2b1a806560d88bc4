package dev.flotilla.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The targets of one dialect: N PostgreSQL schemas in a database of the fixture's own ({@code flotilla_bench_<run>}),
 * or M MariaDB databases ({@code fbench_<run>_00001}...), each with the base schema. Built from nothing, reset to the base
 * between contenders, dropped at the end (also when the run is interrupted). The run-unique names keep two runs at once
 * (two clones, two terminals) apart: neither builds over, resets or drops the other's.
 */
final class Fixture {
    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    final boolean postgres;
    final List<String> targets = new ArrayList<>();
    /** This fixture's part of every name: the process and a random word, so no other run's names are the same. */
    private final String run = ProcessHandle.current().pid() + "_"
            + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    /** Drops the fixture when the JVM is stopped (Ctrl-C) while it is built; unregistered by {@link #drop}. */
    private final Thread dropOnExit = new Thread(this::dropQuietly, "flotilla-bench-drop");

    Fixture(boolean postgres, int count) {
        this.postgres = postgres;
        for (int i = 1; i <= count; i++) {
            targets.add(postgres ? String.format("b%05d", i) : String.format("fbench_%s_%05d", run, i));
        }
    }

    /** The PostgreSQL fixture's database. */
    String database() {
        return "flotilla_bench_" + run;
    }

    String name() {
        return postgres ? "PostgreSQL, " + targets.size() + " schemas" : "MariaDB, " + targets.size() + " databases";
    }

    /** The JDBC URL of the server (PostgreSQL: of the bench database), without a schema. */
    String serverUrl() {
        return postgres ? PG_SERVER + database() : MARIADB_SERVER;
    }

    /** A URL that lands in one target: the bench database for PostgreSQL (schema set apart), the database for MariaDB. */
    String urlOf(String target) {
        return postgres ? PG_SERVER + database() : MARIADB_SERVER + target;
    }

    String user() {
        return postgres ? "postgres" : "root";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl(), user(), "");
    }

    /** Builds every target with the base schema, under this run's names (no other run's are touched). */
    void build() throws Exception {
        Runtime.getRuntime().addShutdownHook(dropOnExit);
        if (postgres) {
            try (Connection admin = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
                 Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + database());
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
        settle();
    }

    /** Takes the migration out of every target, keeping the history tables but the migration's row in {@code historyTable}. */
    void undoKeepingHistory(String historyTable) throws Exception {
        List<String> undo = new ArrayList<>();
        undo.add(postgres ? "SET search_path TO %s" : "USE %s");
        undo.addAll(Workload.undoKeepingHistory(postgres, historyTable));
        forEachTarget(4, target -> undo);
        settle();
    }

    /**
     * Leaves the server as every contender's run finds it: the catalog vacuumed, then a checkpoint. Without the
     * checkpoint, the reset's WAL (thousands of dropped tables) ends in one within the next run (checkpoint_timeout
     * or max_wal_size), and every page that run touches first after it is written whole into the WAL once more:
     * round 21 saw raw SQL + history table take 6.5 ms a tenant in one run and 10.5 in another right after raw SQL
     * took 4.8 and 4.7. After a checkpoint every contender starts alike, each page's first change a full-page write.
     */
    private void settle() throws SQLException {
        vacuumCatalog();
        if (postgres) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
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

    /** Drops this fixture's targets (its own database for PostgreSQL); nothing of another run's. */
    void drop() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotBuilt) {
            // Run by the hook itself, or never built: nothing to unregister.
        }
        if (postgres) {
            try (Connection admin = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database() + " WITH (FORCE)");
            }
        } else {
            forEachTarget(4, target -> List.of("DROP DATABASE IF EXISTS %s"));
        }
    }

    private void dropQuietly() {
        try {
            drop();
        } catch (Exception e) {
            System.err.println("Could not drop the bench fixture " + name() + " (" + e + "): drop "
                    + (postgres ? "the database " + database() : "the databases fbench_" + run + "_*") + " by hand.");
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
