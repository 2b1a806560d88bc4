package dev.flotilla.web.fleet;

import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.scratch.ScratchCleanup;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.ConsoleLog;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What runs killed before they ended (kill -9 of a console or of {@code flotilla dry-run}) left behind, taken care of as
 * the console starts: a fleet dry run recorded as running whose process is gone ends as interrupted, audited
 * ({@code dry-run.finished}, outcome {@code interrupted}); the scratch databases and schemas of dead processes are dropped
 * from the tenants' servers ({@link ScratchCleanup#dropLeftByDeadProcesses}). Runs of processes that still run, and
 * scratch that cannot be proven unused, are left alone. A server that cannot be reached is logged, not fatal:
 * {@code dry-run --cleanup} tries again.
 */
public final class KilledRuns {
    private final ConsoleFleet fleet;
    private final ConsoleLog log;

    public KilledRuns(ConsoleFleet fleet, ConsoleLog log) {
        this.fleet = fleet;
        this.log = log;
    }

    public void cleanUp() {
        try {
            endInterruptedDryRuns();
        } catch (RuntimeException e) {
            log.line("could not look for dry runs a killed console left running: " + e.getMessage());
        }
        Map<String, TargetSpec> servers = new LinkedHashMap<>();
        fleet.targets(fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList())
                .forEach(t -> servers.putIfAbsent(t.serverKey(), t.target()));
        servers.values().forEach(this::dropScratch);
    }

    /**
     * Ends as interrupted the fleet dry runs whose process is gone, each logged: as the console starts, and before its list
     * of dry runs is read (a {@code flotilla dry-run} killed while the console runs), as {@code flotilla dry-runs} does.
     */
    public void endInterruptedDryRuns() {
        for (DryRunStore.Interrupted run : dev.flotilla.run.DryRunRecords.endInterrupted(fleet.plane())) {
            log.line("dry run " + run.id() + " ended as interrupted: its process " + run.runner() + " is gone.");
        }
    }

    private void dropScratch(TargetSpec server) {
        try {
            ScratchCleanup.dropLeftByDeadProcesses(server).dropped().forEach(name -> log.line("dropped"
                    + " scratch " + name + " on " + server.displayName() + ", left by a killed dry run or drift check."));
        } catch (SQLException | RuntimeException e) {
            log.line("could not look for scratch databases killed runs left on " + server.displayName()
                    + ": " + server.scrub(String.valueOf(e.getMessage())) + " (`flotilla dry-run --all --cleanup` tries again).");
        }
    }
}
