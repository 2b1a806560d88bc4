package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", header = "Show every migration on one target and its state.",
        description = "Show every migration on one target: applied, pending, failed, drifted, missing.")
final class StatusCommand extends TargetCommand {
    StatusCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "status";
    }

    @Option(names = "--fleet", description = "Every registered tenant (or --tenants/--group) as the control plane knows it.")
    boolean fleet;

    @Option(names = "--live", description = "With --fleet: re-read every tenant's history table first, in parallel"
            + " (--concurrency, --per-server), each connection within --connect-timeout.")
    boolean live;

    @Option(names = "--fail-on", paramLabel = "WHAT", converter = FailOn.Converter.class, description = "For CI: also exit 1"
            + " when a tenant is pending (migrations to apply, not read yet, migrating), failed (failed, blocked,"
            + " failed-verification, interrupted, unreachable, locked, refused) or either (any). One target (--url) fails on a"
            + " failed or edited migration anyway; pending and any add its pending migrations.")
    FailOn failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "With --fleet: the configuration file (default: ./flotilla.yml).")
    Path configFile;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    int execute() {
        if (limits.given() && !(fleet && live)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--concurrency and --per-server are for status --fleet --live,"
                    + " which reads the tenants' targets in parallel; " + (fleet ? "without --live only the control plane is"
                    + " read" : "one target (--url) is read alone") + ": drop them.");
        }
        if (fleet && !live && connectTimeout.given() != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--connect-timeout is for status --fleet --live, which connects"
                    + " to the tenants' targets; without --live only the control plane is read: drop it.");
        }
        if (fleet) {
            try (FleetContext context = new FleetContext(configFile, output, environment,
                    new CommandFlags(name(), java.util.Set.of(), limits, connectTimeout))) {
                return new FleetStatus(context, output).show(selection, live, failOn);
            }
        }
        if (!target.hasTarget()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "status needs a target: pass --url, or --fleet for every tenant.");
        }
        return connectTimeout.onOneTarget(this::oneTarget);
    }

    private int oneTarget() {
        dev.flotilla.TargetOptions options = target.toOptions(environment, output);
        Flotilla flotilla = Flotilla.load(options);
        Warnings.print(output, flotilla.migrations());
        TargetPlan plan = flotilla.status();
        // A migration recorded as stopped mid-statement, while another run holds the target's lock, is running.
        boolean running = plan.statuses().stream().anyMatch(StatusCommand::interrupted) && flotilla.lockedByAnotherRun();
        print(plan, running);
        if (running) {
            output.line("Another run holds the lock of this target: the migration shown running is being applied now."
                    + " Run status again when it has finished.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("migrations", plan.statuses().stream().map(s -> json(s, running)).toList());
        // The zone the history's wall-clock times were read in, which installedOn assumes they were written in.
        data.put("historyTimeZone", plan.statuses().stream().anyMatch(s -> s.history().filter(h -> h.wallClock() != null)
                .isPresent()) ? LocalTimes.zone() : null);
        // What would stop a migrate (a failed or interrupted migration, an edited or missing file, one out of order)
        // fails status (exit 1), as status --fleet --live and plan call such a tenant blocked; not the migration
        // another run is applying. Read as all pending, a target another tool migrated would be refused: said too.
        List<dev.flotilla.plan.Problem> problems = new java.util.ArrayList<>(plan.problems(options.policy()).stream()
                .filter(p -> !(running && p.code() == ErrorCode.FAILED_MIGRATION)).toList());
        flotilla.foreignHistory(plan).ifPresent(problems::add);
        List<String> pending = plan.pending(options.policy()).stream()
                .map(m -> m.version() != null ? m.version().label() : m.script()).toList();
        if (failOn != null && failOn.onPending() && !pending.isEmpty()) {
            problems.add(new dev.flotilla.plan.Problem(ErrorCode.MIGRATIONS_PENDING, pending.size() + " migration(s) pending"
                    + " (--fail-on " + failOn.word() + "): " + String.join(", ", pending) + "; `flotilla migrate` applies them.",
                    null));
        }
        return output.finish(name(), data, Errors.of(problems));
    }

    private static boolean interrupted(MigrationStatus status) {
        return status.state() == MigrationState.FAILED && status.latest().interruptedOrRunning();
    }

    /** The state's word; "running" for the interrupted one while another run holds the lock. */
    private static String word(MigrationStatus status, boolean running) {
        return running && interrupted(status) ? "running" : status.state().word();
    }

    private void print(TargetPlan plan, boolean running) {
        List<String[]> rows = plan.statuses().stream().map(s -> new String[] {
                s.version() == null ? "R" : s.versionLabel(), s.description(),
                running && interrupted(s) ? output.yellow("running") : paint(s.state()),
                run(s).map(h -> h.installedOn() == null ? "" : LocalTimes.format(h.installedOn())).orElse(""),
                run(s).map(h -> h.executionMillis() + " ms").orElse(""),
                running && interrupted(s) ? "statement " + s.latest().failedStatement() : note(s)}).toList();
        Table.print(output, new String[] {"Version", "Description", "State", "Installed on (" + LocalTimes.zone() + ")", "Time",
                ""}, rows);
        Map<MigrationState, Long> counts = plan.statuses().stream()
                .collect(Collectors.groupingBy(MigrationStatus::state, () -> new EnumMap<>(MigrationState.class), Collectors.counting()));
        output.line(plan.statuses().size() + " migration(s): " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().word()).collect(Collectors.joining(", ")));
    }

    private String paint(MigrationState state) {
        return switch (state) {
            case APPLIED, BASELINED -> output.green(state.word());
            case PENDING, OUTDATED, OUT_OF_ORDER -> output.yellow(state.word());
            case FAILED, DRIFTED, MISSING -> output.red(state.word());
        };
    }

    /** The migration's own run, when its latest row is one: not the undo of a migration rolled back (pending again). */
    private static java.util.Optional<dev.flotilla.target.AppliedMigration> run(MigrationStatus status) {
        return status.history().filter(h -> h.kind() != dev.flotilla.migration.MigrationKind.UNDO);
    }

    private static String note(MigrationStatus status) {
        if (status.latest() != null && status.latest().kind() == dev.flotilla.migration.MigrationKind.UNDO
                && status.latest().success() && status.latest().installedOn() != null) {
            return "rolled back " + LocalTimes.format(status.latest().installedOn());
        }
        return switch (status.state()) {
            case FAILED -> status.latest().failedStatement() == null ? (status.latest().kind()
                    == dev.flotilla.migration.MigrationKind.UNDO ? "rollback failed, at a statement not recorded" : "")
                    : status.latest().kind() == dev.flotilla.migration.MigrationKind.UNDO ? "rollback "
                            + (interrupted(status) ? "interrupted during" : "failed at") + " statement "
                            + status.latest().failedStatement() + " of " + status.latest().script() + ": half undone"
                    : interrupted(status) ? "interrupted during statement " + status.latest().failedStatement()
                            + ": it may or may not have taken effect, check it"
                    : "at statement " + status.latest().failedStatement();
            case DRIFTED -> "file edited after it was applied";
            case MISSING -> "no file for this applied version";
            default -> "";
        };
    }

    private static Map<String, Object> json(MigrationStatus status, boolean running) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", status.version());
        entry.put("description", status.description());
        entry.put("script", status.script());
        entry.put("state", word(status, running));
        entry.put("checksum", status.checksum());
        status.history().filter(h -> h.kind() == dev.flotilla.migration.MigrationKind.UNDO && h.success())
                .ifPresent(h -> entry.put("rolledBackOn", h.installedOn() == null ? null : h.installedOn().toString()));
        run(status).ifPresent(h -> {
            entry.put("installedOn", h.installedOn() == null ? null : h.installedOn().toString());
            entry.put("installedBy", h.installedBy());
            entry.put("executionMs", h.executionMillis());
        });
        status.history().filter(h -> !h.success()).ifPresent(h -> failure(entry, h, running));
        return entry;
    }

    /**
     * The failed (or interrupted) run's record, the same keys whether it ran the migration or its down file: which it
     * was, its script (the down file's for a rollback, which the statement number counts in), statement and error.
     */
    private static void failure(Map<String, Object> entry, dev.flotilla.target.AppliedMigration failed, boolean running) {
        boolean rollback = failed.kind() == dev.flotilla.migration.MigrationKind.UNDO;
        entry.put("failedRun", rollback ? "rollback" : "migration");
        entry.put("failedScript", failed.script());
        if (failed.failedStatement() != null) {
            entry.put("failedStatement", failed.failedStatement());
        }
        if (failed.error() != null) {
            entry.put("error", failed.error());
        }
        if (failed.interruptedOrRunning() && !running) {
            entry.put("interrupted", true); // failedStatement may or may not have taken effect
        }
    }
}
