package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "validate", description = {"Check the migration files; with --url, also check them against the target's history",
        "(edited applied files, missing files, failed migrations, out-of-order versions)."})
final class ValidateCommand extends TargetCommand {
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
        List<Problem> problems = List.of();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("migrations", migrations.versioned().size());
        data.put("repeatables", migrations.repeatables().size());
        data.put("warnings", migrations.warnings().stream().map(Errors::of).toList());
        output.line(migrations.migrations().size() + " migration file(s) in " + options.migrations() + " are valid"
                + (migrations.warnings().isEmpty() ? "." : ", with " + migrations.warnings().size() + " warning(s)."));
        if (target.hasTarget()) {
            problems = flotilla.validate();
            data.put("target", options.target().displayName());
            output.line(problems.isEmpty() ? "The history of " + options.target().displayName() + " agrees with the files."
                    : problems.size() + " problem(s) on " + options.target().displayName() + ":");
        }
        return output.finish(name(), data, Errors.of(problems));
    }
}
