package dev.flotilla.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code flotilla deploy --all} of a {@link FleetSetup#heldFleet held fleet}, run as a real process one tenant at a time,
 * its first tenant held in the middle of V1 by the advisory lock the test holds until {@link #release()}. Closing it
 * closes the test's session (the lock goes with it), not the process.
 */
final class HeldDeploy implements AutoCloseable {
    final Process process;
    /** The deploy's stdout, past its first line (the one that names the deployment). */
    final BufferedReader out;
    final String id;
    private final Connection holder;
    private final Statement statement;
    private final long key;

    private HeldDeploy(Connection holder, Statement statement, long key, Process process) throws Exception {
        this.holder = holder;
        this.statement = statement;
        this.key = key;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.id = Programs.nextLine(process, out, 60).split(" ")[1];
    }

    /** Takes the lock {@code key}, starts the deploy and returns once its first tenant waits for the lock. */
    static HeldDeploy start(FleetSetup fleet, long key) throws Exception {
        Connection holder = FleetSetup.connect();
        try {
            Statement statement = holder.createStatement();
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            HeldDeploy deploy = new HeldDeploy(holder, statement, key,
                    fleet.start("deploy", "--all", "--yes", "--concurrency", "1"));
            FleetSetup.awaitAdvisoryLockWaiter(statement, key);
            return deploy;
        } catch (Exception | AssertionError e) {
            holder.close();
            throw e;
        }
    }

    /** Lets the held tenant go on with its migration. */
    void release() throws SQLException {
        statement.execute("SELECT pg_advisory_unlock(" + key + ")");
    }

    @Override
    public void close() throws SQLException {
        holder.close();
    }
}
