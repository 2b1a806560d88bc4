package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RunReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "dry-run", description = {"Run the pending migrations on one target and roll everything back.",
        "PostgreSQL and SQLite: inside one transaction. MariaDB/MySQL and H2 (DDL commits by itself): not supported yet."})
final class DryRunCommand extends TargetCommand {
    DryRunCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "dry-run";
    }

    @Override
    int execute() {
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output));
        Warnings.print(output, flotilla.migrations());
        RunReport report = flotilla.dryRun();
        RunReports.print(output, report, "would apply", true);
        if (report.ok()) {
            output.line("Dry run: everything was rolled back; the target is unchanged.");
        }
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("id", report.target());
        tenant.put("status", report.ok() ? (report.notices().isEmpty() ? "success" : "warning") : "error");
        tenant.put("timeMs", report.wallMillis());
        tenant.putAll(RunReports.data(report, true));
        tenant.put("warnings", report.notices().stream().map(n -> Map.of("rule", "notice", "message", n)).toList());
        if (!report.ok()) {
            tenant.put("error", report.problems().isEmpty() ? null : report.problems().get(0).message());
        }
        return output.finish(name(), Map.of("tenants", List.of(tenant)), Errors.of(report.problems()));
    }
}
