package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.run.DryRunMode;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.DryRunReport;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", header = "Check the migration files, and a target's history with --url.",
        description = {"Check the migration files; with --url, also check them against the target's history",
        "(edited applied files, missing files, failed migrations, out-of-order versions). --round-trip also applies each",
        "pending migration, its down file and the migration again where nothing is kept, and compares the schemas."})
final class ValidateCommand extends TargetCommand {
    @Option(names = "--round-trip", description = "With --url: apply, down, apply again each pending migration in a dry run.")
    boolean roundTrip;

    ValidateCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "validate";
    }

    @Override
    int execute() {
        TargetOptions options = target.toOptions(environment, output);
        Flotilla flotilla = Flotilla.load(options);
        LoadedMigrations migrations = flotilla.migrations();
        Warnings.print(output, migrations);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("migrations", migrations.versioned().size());
        data.put("repeatables", migrations.repeatables().size());
        data.put("warnings", migrations.warnings().stream().map(Errors::of).toList());
        data.put("notices", VersionGapNotices.print(output, migrations));
        // With a target its dialect splits the scripts; without, a script must split in at least one.
        List<Problem> problems = target.hasTarget() ? flotilla.validate()
                : dev.flotilla.run.ScriptsWithoutTarget.problemsInEveryDialect(migrations, options.placeholders());
        List<Problem> unsplittable = problems.stream().filter(p -> p.code() == ErrorCode.SQL_PARSE_ERROR).toList();
        output.line(migrations.migrations().size() + " migration file(s) in " + options.folders() + (unsplittable.isEmpty()
                ? " are valid" + (migrations.warnings().isEmpty() ? "." : ", with " + migrations.warnings().size() + " warning(s).")
                : ": " + unsplittable.size() + " cannot be split into statements" + (target.hasTarget() ? "."
                        : " in any dialect's syntax (an unterminated string or comment?).")));
        if (target.hasTarget()) {
            data.put("target", options.target().displayName());
            int onTarget = problems.size() - unsplittable.size();
            output.line(onTarget == 0 ? "The history of " + options.target().displayName() + " agrees with the files."
                    : onTarget + " problem(s) on " + options.target().displayName() + ":");
        }
        if (roundTrip) {
            if (!target.hasTarget()) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "--round-trip needs a target to dry-run on: pass --url.");
            }
            DryRunReport report = flotilla.dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, null, true));
            DryRunReports.printRoundTrips(output, report);
            data.put("roundTrips", DryRunReports.roundTrips(report));
            problems = new ArrayList<>(problems);
            problems.addAll(report.run().problems());
        }
        return output.finish(name(), data, Errors.of(problems));
    }
}
