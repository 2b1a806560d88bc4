package dev.flotilla.web.demo;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.fleet.MigrationFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A demo fleet on the embedded databases: a handful of SQLite tenant databases (maison_atelier, default, ...) with
 * the base schema deployed and two migrations in the spirit of the seeds pending (the serial system of seed 000,
 * the notification settings of seed 002), an embedded control plane, backups before each tenant. Made once in a
 * folder, with a flotilla.yml describing it so that every fleet command run there works on it; opening it again
 * keeps what is there, a flotilla.yml included.
 */
public final class DemoFleet {
    static final List<String> FILES = List.of("V1__base_schema.sql", "V2__serial_system_integration.sql",
            "U2__serial_system_integration.sql", "V3__notification_configurations.sql", "U3__notification_configurations.sql");
    static final List<String> TENANTS = List.of("maison_atelier", "default", "atelier_nord", "atelier_sud", "bistro_lumiere");
    private static final int BACKUPS_KEPT = 3;

    private DemoFleet() {
    }

    /** Opens the demo fleet in {@code folder}, creating it first when it is not there. The caller closes the control plane. */
    public static ConsoleFleet open(Path folder) {
        Path home = folder.toAbsolutePath().normalize();
        boolean fresh = !Files.exists(home.resolve("migrations"));
        try {
            Files.createDirectories(home.resolve("tenants"));
            if (fresh) {
                copyMigrations(home.resolve("migrations"));
            }
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Could not create the demo fleet in " + home + ": " + e.getMessage());
        }
        Tenancy tenancy = new Tenancy(TenancyModel.DATABASE_PER_TENANT, null,
                "jdbc:sqlite:" + home.resolve("tenants") + "/{tenant}.db", null, null, null, null, home);
        try {
            writeConfig(home, tenancy);
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Could not write the demo fleet's flotilla.yml in " + home + ": "
                    + e.getMessage());
        }
        ControlPlane plane = openPlane(home, fresh);
        TargetOptions template = new TargetOptions(null, home.resolve("migrations"), Map.of(), null, null, null, null, null, "demo");
        FleetOptions deploy = FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS)
                .withBackup(new BackupPolicy(home.resolve("backups"), BACKUPS_KEPT));
        ConsoleFleet fleet = new ConsoleFleet(plane, tenancy, template, deploy, DryRunOptions.DEFAULTS);
        if (plane.tenants().count(null, null) == 0) {
            register(fleet);
        }
        return fleet;
    }

    /** The control plane as the command line opens it with the flotilla.yml beside it: embedded, with H2's own user. */
    private static ControlPlane openPlane(Path home, boolean fresh) {
        try {
            return ControlPlane.open(ControlPlane.embeddedUrl(home), ControlPlane.EMBEDDED_USER, null);
        } catch (FlotillaException e) {
            if (fresh || e.code() != ErrorCode.AUTHENTICATION_FAILED) {
                throw e;
            }
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The demo fleet in " + home + " was made by an earlier version"
                    + " of Flotilla, whose control plane the other commands cannot open. Delete the folder and run `flotilla"
                    + " demo` again.", e);
        }
    }

    /**
     * Writes the flotilla.yml of the demo fleet, unless one is there: the fleet commands run in the folder then find
     * its migrations, tenants, backups and (by default, beside the file) its control plane.
     */
    private static void writeConfig(Path home, Tenancy tenancy) throws IOException {
        String text = """
                # The demo fleet `flotilla demo` made. Every fleet command run in this folder works on it:
                # flotilla status --fleet, flotilla plan --all, flotilla dry-run --all, flotilla deploy --all, flotilla serve.
                migrations: migrations

                # Flotilla's own database: the embedded H2 file in .flotilla/ beside this file.
                controlPlane: {}

                # One SQLite file per tenant.
                tenancy:
                  model: database-per-tenant
                  urlTemplate: '%s'

                backup:
                  dir: backups
                  keep: %d
                """.formatted(tenancy.urlTemplate().replace("'", "''"), BACKUPS_KEPT);
        try {
            Files.writeString(home.resolve("flotilla.yml"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException kept) {
            // Someone's own, or the demo's from before: either way not ours to replace.
        }
    }

    private static void register(ConsoleFleet fleet) {
        for (String id : TENANTS) {
            List<String> groups = id.startsWith("atelier") || id.equals("maison_atelier") ? List.of("ateliers") : List.of("pilot");
            fleet.plane().tenants().add(new Tenant(TenantId.of(id), pretty(id), null, null, groups));
        }
        List<Tenant> tenants = fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        // Every file, with a ceiling (as the console's deploy does): the tenants then record versions 2 and 3 as pending.
        LoadedMigrations all = fleet.loadMigrations();
        DeployResult base = new FleetRunner(fleet.plane(), fleet.template(), all, fleet.deployAs("demo").withBackup(null),
                FleetListener.SILENT).upTo(MigrationFiles.newest(all, List.of("1"))).deploy(fleet.targets(tenants));
        if (!base.ok()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Setting up the demo fleet failed: " + base.tasks());
        }
    }

    private static void copyMigrations(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String file : FILES) {
            try (InputStream in = DemoFleet.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("demo migration " + file + " is missing from the jar"));
                }
                Files.copy(in, folder.resolve(file));
            }
        }
    }

    private static String pretty(String id) {
        StringBuilder name = new StringBuilder();
        for (String word : id.split("_")) {
            name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
