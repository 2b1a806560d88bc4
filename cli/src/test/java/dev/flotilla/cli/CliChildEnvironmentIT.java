package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs a real {@code flotilla deploy} and {@code backup} start, a hook and pg_dump (a wrapper first on the PATH that writes its
 * environment down, then runs the real one), get none of the variables holding passwords, not even a PGPASSWORD or
 * MYSQL_PWD exported for something else; pg_dump gets Flotilla's PGPASSWORD, and PGPASSFILE as the JDBC driver does.
 */
class CliChildEnvironmentIT {
    private static final String OTHER_SECRET = "OtherS3cret-" + java.util.UUID.randomUUID();
    private static final String AMBIENT_SECRET = "AmbientS3cret-" + java.util.UUID.randomUUID();

    @TempDir
    Path temp;

    @Test
    void a_hook_and_pg_dump_get_no_variable_that_holds_a_password() throws Exception {
        Path hookEnv = temp.resolve("hook-env.txt");
        Path dumpEnv = temp.resolve("pg_dump-env.txt");
        FleetSetup fleet = new FleetSetup(temp.resolve("fleet"), "hooks:\n  beforeTenant: \"env > " + hookEnv + "\"\n");
        Path wrappers = Programs.pgDumpWritingItsEnvironment(temp, dumpEnv);
        fleet.addTenants(1);
        try {
            // Exported for something else, named by no configuration: the clients' own password variables.
            Map<String, String> environment = Map.of("FLOTILLA_OTHER_PASSWORD", OTHER_SECRET, "PGPASSWORD", AMBIENT_SECRET,
                    "MYSQL_PWD", AMBIENT_SECRET, "PGPASSFILE", temp.resolve("no-such.pgpass").toString(),
                    "PATH", wrappers + File.pathSeparator + System.getenv("PATH"));
            Programs.finish(fleet.start(environment, "deploy", "--all", "--yes"));
            Programs.finish(fleet.start(environment, "backup", "--all"));

            String hook = Files.readString(hookEnv);
            assertThat(hook).contains("FLOTILLA_TENANT=t00").doesNotContain("TENANT_DB_PASSWORD=", "FLOTILLA_OTHER_PASSWORD=",
                    FleetSetup.SECRET, OTHER_SECRET, "PGPASSWORD=", "MYSQL_PWD=", "PGPASSFILE=", AMBIENT_SECRET);
            String dump = Files.readString(dumpEnv);
            assertThat(dump).as("pg_dump still gets the password it needs").contains("PGPASSWORD=" + FleetSetup.SECRET)
                    .contains("PGPASSFILE=" + temp.resolve("no-such.pgpass"))
                    .doesNotContain("TENANT_DB_PASSWORD=", "FLOTILLA_OTHER_PASSWORD=", OTHER_SECRET, "MYSQL_PWD=", AMBIENT_SECRET);
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void pg_dump_reaches_the_configured_server_as_the_configured_user_whatever_the_ambient_pg_variables_say() throws Exception {
        Path dumpEnv = temp.resolve("pg_dump-env.txt");
        FleetSetup fleet = new FleetSetup(temp.resolve("fleet"), "");
        Path wrappers = Programs.pgDumpWritingItsEnvironment(temp, dumpEnv);
        fleet.addTenants(1);
        try {
            // Left in the shell by something else: each would send libpq elsewhere, or as someone else, or fail it.
            Map<String, String> misleading = Map.of("PGHOST", "203.0.113.7", "PGHOSTADDR", "127.0.0.2", "PGPORT", "1",
                    "PGUSER", "flp_h_nobody", "PGDATABASE", "flp_h_nodb", "PGSSLMODE", "require",
                    "PGSERVICE", "flp_h_no_such_service", "PATH", wrappers + File.pathSeparator + System.getenv("PATH"));
            Programs.finish(fleet.start(misleading, "deploy", "--all", "--yes"));
            Process backup = fleet.start(misleading, "--json", "backup", "--all");
            Programs.finish(backup);

            assertThat(Files.readString(dumpEnv)).as("pg_dump ran, without them").contains("PGPASSWORD=")
                    .doesNotContain("PGHOST=", "PGHOSTADDR=", "PGPORT=", "PGUSER=", "PGDATABASE=", "PGSSLMODE=", "PGSERVICE=");
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void pg_dump_and_psql_get_flotillas_connect_timeout_and_options_and_their_own_application_names_not_the_ambient_ones() throws Exception {
        Path dumpEnv = temp.resolve("pg_dump-env.txt");
        Path psqlEnv = temp.resolve("psql-env.txt");
        FleetSetup fleet = new FleetSetup(temp.resolve("fleet"), "");
        Path wrappers = Programs.pgDumpWritingItsEnvironment(temp, dumpEnv);
        Programs.writingItsEnvironment(wrappers, "psql", psqlEnv);
        fleet.addTenants(1);
        try {
            // Left in the shell for something else: a session option, a name and a wait Flotilla did not choose.
            Map<String, String> ambient = Map.of("PGOPTIONS", "-c search_path=flp_console_ambient", "PGAPPNAME", "flp-ambient-app",
                    "PGCONNECT_TIMEOUT", "987", "FLOTILLA_DEPLOY_CONNECT_TIMEOUT", "7s", "FLOTILLA_DEPLOY_LOCK_TIMEOUT", "4s",
                    "PATH", wrappers + File.pathSeparator + System.getenv("PATH"));
            Programs.finish(fleet.start(ambient, "deploy", "--all", "--yes", "--skip-backup"));
            Process backup = fleet.start(ambient, "--json", "backup", "--all");
            String json = Programs.outputOnceEnded(backup, 120);
            assertThat(backup.exitValue()).as(json).isZero();
            String backupId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at("/data/backup").asText();
            Programs.finish(fleet.start(ambient, "restore", "--backup", backupId, "--tenants", "t00", "--yes"));

            assertThat(Files.readString(dumpEnv)).contains("PGCONNECT_TIMEOUT=7\n")
                    .doesNotContain("PGOPTIONS=", "PGAPPNAME=", "flp_console_ambient", "flp-ambient-app", "PGCONNECT_TIMEOUT=987");
            assertThat(Files.readString(psqlEnv)).contains("PGCONNECT_TIMEOUT=7\n", "PGOPTIONS=-c lock_timeout=4000\n")
                    .doesNotContain("PGAPPNAME=", "flp_console_ambient", "flp-ambient-app", "PGCONNECT_TIMEOUT=987");
        } finally {
            fleet.dropSchemas();
        }
    }
}
