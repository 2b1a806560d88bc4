package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenancy.GeneratedMigration;
import dev.flotilla.tenant.TenancyModel;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The base of the {@code tenancy} commands: they read one target's schema (the one of {@code --url}, or the
 * shared schema of the fleet's flotilla.yml) and write a migration with its down file into the migrations
 * folder, for review before it is applied. Nothing on the target changes.
 */
abstract class TenancyTargetCommand extends TargetCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "The fleet's configuration, without --url (default: ./flotilla.yml).")
    Path configFile;

    @Option(names = "--version", paramLabel = "V", description = "The new migration's version (default: the next after the newest).")
    String version;

    @Option(names = "--print", description = "Print the migration and its down file instead of writing them.")
    boolean print;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    TenancyTargetCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    /** Generates the migration from the target's schema, to be written into {@code folder}. */
    abstract GeneratedMigration generate(TargetSession session, FleetContext fleet, Path folder) throws SQLException;

    /** What the command did, for the first line of output. */
    abstract String summary(GeneratedMigration migration);

    @Override
    final int execute() {
        try (FleetContext fleet = new FleetContext(configFile, output, environment)) {
            TargetSpec spec = target.hasTarget() ? target.toOptions(environment, output).target() : sharedTarget(fleet);
            // --migrations given wins over flotilla.yml's folder, as every flag wins over the file.
            boolean folderGiven = command.commandLine().getParseResult().hasMatchedOption("--migrations");
            // A new migration is written into the first folder; its version is above every folder's (NewMigrationFiles).
            dev.flotilla.migration.MigrationFolders folders = target.hasTarget() || folderGiven
                    || fleet.config().source() == null ? target.folders(environment) : fleet.migrationFolders();
            Path folder = folders.first();
            GeneratedMigration migration;
            try (TargetSession session = TargetSession.open(spec, false)) {
                migration = generate(session, target.hasTarget() ? null : fleet, folder);
            } catch (SQLException e) {
                throw Failures.of(spec, "reading the schema of", e);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("target", spec.displayName());
            data.put("dialect", migration.dialect());
            data.put("tables", migration.tables());
            data.put("notes", migration.notes());
            data.put("warnings", migration.warnings());
            if (migration.isNothingToDo()) {
                output.line("Nothing to do on " + spec.displayName() + ": " + migration.upToDate() + ". No migration written.");
            } else {
                output.line(summary(migration) + " on " + spec.displayName() + ".");
            }
            migration.notes().forEach(note -> output.line("  note: " + note));
            migration.warnings().forEach(output::warn);
            if (migration.isNothingToDo()) {
                data.put("nothingToDo", migration.upToDate());
            } else if (print) {
                output.line("");
                output.line(migration.up());
                output.line("-- down file:");
                output.line(migration.down());
                data.put("up", migration.up());
                data.put("down", migration.down());
            } else {
                NewMigrationFiles.Written written = NewMigrationFiles.write(folders, migration.description(), migration.up(),
                        migration.down(), version);
                output.line("Wrote " + written.up() + " and its down file " + written.down().getFileName() + ".");
                // The commands as they run: one target's with its own options again, the fleet's with a selection.
                output.line(target.hasTarget() ? "Review them, then test them with `flotilla dry-run` and apply them with"
                        + " `flotilla migrate`, each with the same --url" + (spec.schema() == null ? "" : ", --schema")
                        + " and --migrations as here." : "Review them, then test them with `flotilla dry-run --all` and apply"
                        + " them with `flotilla deploy --all`.");
                data.put("version", written.version());
                data.put("up", written.up().toString());
                data.put("down", written.down().toString());
            }
            return output.finish(name(), data, List.of());
        }
    }

    /** The tenant column: the one named on the command line, else the fleet's (tenancy.tenantColumn), else tenant_id. */
    static String tenantColumn(String option, FleetContext fleet) {
        return option != null ? option : fleet != null ? fleet.config().tenancy().tenantColumn() : "tenant_id";
    }

    /** The shared schema of a shared-schema fleet. */
    private static TargetSpec sharedTarget(FleetContext fleet) {
        if (fleet.config().source() == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Name the target with --url (and --schema), or run where the"
                    + " fleet's flotilla.yml is (or pass --config).");
        }
        var tenancy = fleet.tenancy();
        if (tenancy.model() != TenancyModel.SHARED_SCHEMA) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The fleet's tenancy is " + fleet.config().tenancy().model()
                    + ", not shared-schema: name the database to convert with --url.");
        }
        return new TargetSpec(tenancy.url(), tenancy.user(), tenancy.password(), tenancy.schemaTemplate(), tenancy.historyTable());
    }
}
