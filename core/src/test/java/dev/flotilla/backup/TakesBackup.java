package dev.flotilla.backup;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

/** A second process for tests: backs the PostgreSQL schema args[0] up under args[1] and says how it went. */
public final class TakesBackup {
    private TakesBackup() {
    }

    public static void main(String[] args) {
        try (ControlPlane plane = ControlPlane.open("jdbc:h2:mem:" + TestDatabases.uniqueName(), "sa", null)) {
            Backups backups = new Backups(plane, Path.of(args[1]));
            backups.takeManual(TenantId.of("acme"), TestDatabases.postgres(args[0]), backups.startManual());
            System.out.println("backed up");
        } catch (FlotillaException e) {
            System.out.println(e.code() + ": " + e.getMessage());
        }
    }
}
