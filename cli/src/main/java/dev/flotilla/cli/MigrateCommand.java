package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.run.RunReport;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Apply every pending migration to one target.")
final class MigrateCommand extends TargetCommand {
    @Option(names = "--to", paramLabel = "VERSION", description = "Apply the pending migrations up to this version only (and"
            + " the repeatables): a version (--to 32) or a file's name (--to 032_unify_migration_tracking.sql).")
    String to;

    MigrateCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "migrate";
    }

    @Override
    int execute() {
        TargetOptions options = target.toOptions(environment, output);
        Flotilla loaded = Flotilla.load(options);
        MigrationVersion ceiling = UpToVersion.of(to, loaded.migrations());
        String above = UpToVersion.appliedAbove(loaded, ceiling);
        if (above != null) {
            // Its files above the ceiling left out, the target's newer history would read as missing files.
            Warnings.print(output, loaded.migrations());
            output.line("Nothing to do: " + options.target().displayName() + " is at " + loaded.migrations().label(above)
                    + " already, above --to " + ceiling.label() + " (`flotilla rollback --to " + ceiling.label()
                    + "` goes back to it).");
            return output.finish(name(), Map.of("target", options.target().displayName(), "applied", List.of(),
                    "leftPending", List.of(), "appliedAbove", above), List.of());
        }
        Flotilla flotilla = ceiling == null ? loaded : loaded.upTo(ceiling);
        Warnings.print(output, flotilla.migrations());
        RunReport report = flotilla.migrate();
        List<MigrationVersion> later = ceiling == null || !report.ok() ? List.of() : laterPending(loaded, options, ceiling);
        RunReports.print(output, report, "applied", "applied", false, later.isEmpty() ? null : "nothing pending up to "
                + ceiling.label(), loaded.migrations()::label);
        Map<String, Object> data = RunReports.data(report, false);
        if (ceiling != null) {
            // Said, so that a target migrated --to is not taken for one up to date.
            data.put("leftPending", later.stream().map(MigrationVersion::toString).toList());
            if (!later.isEmpty()) {
                output.line(later.size() + " later migration(s) left pending (up to " + later.get(later.size() - 1).label()
                        + "): `flotilla migrate` applies them.");
            }
        }
        return output.finish(name(), data, Errors.of(report.problems()));
    }

    /** The versioned migrations above {@code ceiling} still pending on the target, in order. */
    private static List<MigrationVersion> laterPending(Flotilla loaded, TargetOptions options, MigrationVersion ceiling) {
        return loaded.status().pending(options.policy()).stream()
                .filter(m -> m.kind() == MigrationKind.VERSIONED && m.version().compareTo(ceiling) > 0)
                .map(Migration::version).toList();
    }
}
