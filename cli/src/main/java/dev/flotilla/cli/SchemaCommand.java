package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.tenant.TenantSelection;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", header = "Print a snapshot of one target's schema and its fingerprint.",
        description = {"Print a snapshot of one target's schema and its fingerprint: tables, columns, keys,",
        "indexes, constraints, views, triggers, row-level security, sequences, functions and procedures. Reads only.",
        "--url for a target, or --tenant T (without --url) for a registered tenant of the fleet's flotilla.yml."})
final class SchemaCommand extends TargetCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file, with --tenant (default: ./flotilla.yml).")
    Path configFile;

    SchemaCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "schema";
    }

    @Override
    int execute() {
        if (target.hasTarget()) {
            return print(target.toOptions(environment, output).target());
        }
        if (target.tenant == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Name a target with --url, or a registered tenant with --tenant T.");
        }
        try (FleetContext context = new FleetContext(configFile, output, environment)) {
            var tenants = new TenantSelection(List.of(TenantId.of(target.tenant)), null, false)
                    .select(context.plane().tenants().all().stream().map(r -> r.tenant()).toList());
            List<TenantTarget> targets = context.targets(tenants);
            return print(targets.get(0).target());
        }
    }

    private int print(TargetSpec spec) {
        SchemaSnapshot snapshot;
        try (TargetSession session = TargetSession.open(spec, false)) {
            if (!session.schemaExists()) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "The schema " + session.schema() + " does not exist on "
                        + spec.displayName() + ".");
            }
            snapshot = SnapshotReader.of(session);
        } catch (SQLException e) {
            throw Failures.of(spec, "reading the schema of", e);
        }
        output.line("Schema of " + spec.displayName() + " [" + snapshot.dialect() + "]: " + snapshot.tables().size()
                + " table(s), " + snapshot.views().size() + " view(s), " + snapshot.sequences().size() + " sequence(s), "
                + snapshot.routines().size() + " function(s)/procedure(s)");
        output.line("fingerprint " + snapshot.fingerprint());
        SchemaText.lines(snapshot).forEach(output::line);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", spec.displayName());
        data.put("fingerprint", snapshot.fingerprint());
        data.put("snapshot", snapshot);
        return output.finish(name(), data, List.of());
    }
}
