package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.InitTemplate;
import dev.flotilla.tenant.TenancyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Write a commented starter flotilla.yml.")
final class InitCommand extends FleetCommand {
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Option(names = "--model", paramLabel = "MODEL", description = "The tenancy model the starter's tenancy keys are for:"
            + " schema-per-tenant (default), database-per-tenant or shared-schema.")
    String model;

    InitCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "init";
    }

    @Override
    int execute() {
        Path file = configFile != null ? configFile : Path.of("flotilla.yml");
        if (Files.exists(file) && !force) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, file.toAbsolutePath() + " exists already; edit it, or pass"
                    + " --force to replace it with the starter file.");
        }
        TenancyModel chosen = model == null ? TenancyModel.SCHEMA_PER_TENANT : parse(model);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, InitTemplate.text(chosen), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Cannot write " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        output.line("Wrote " + file + " for " + chosen.word() + " tenancy (another model's: `flotilla init --model MODEL"
                + " --force`). Set tenancy (" + (chosen == TenancyModel.DATABASE_PER_TENANT ? "urlTemplate" : "url") + ", user, passwordEnv: the name of the variable"
                + " holding the password; for a server that needs no password, delete passwordEnv), then register tenants"
                + " with `flotilla tenants add ID` or `flotilla tenants discover`.");
        return output.finish(name(), Map.of("file", file.toAbsolutePath().toString()), List.of());
    }

    private static TenancyModel parse(String model) {
        try {
            return TenancyModel.parse(model);
        } catch (FlotillaException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--model: " + e.getMessage() + ". Nothing was written.");
        }
    }
}
