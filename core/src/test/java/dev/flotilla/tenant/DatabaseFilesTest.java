package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tenants discover on a database-per-tenant fleet of files: the folder the URL template names, listed. */
class DatabaseFilesTest {
    @TempDir
    Path folder;

    private TenantDiscovery.Found discover(String urlTemplate, String pattern) {
        return new TenantDiscovery(new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, urlTemplate, null, null, null, null))
                .discover(null, pattern);
    }

    private void sqliteDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(name));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
        }
    }

    @Test
    void sqlite_files_of_the_template_are_tenants_and_what_sqlite_and_flotilla_leave_beside_them_is_not() throws Exception {
        sqliteDatabase("acme.db");
        Files.createFile(folder.resolve("globex.db")); // empty: SQLite takes it as an empty database
        for (String beside : new String[] {"acme.db-journal", "acme.db-wal", "acme.db-shm", "acme.db.flotilla-lock", "notes.txt",
                ".hidden.db"}) {
            Files.writeString(folder.resolve(beside), "x");
        }
        Files.writeString(folder.resolve("export.db"), "id,name\n1,Acme\n");
        Files.createDirectory(folder.resolve("archive.db"));
        Files.createFile(folder.resolve("bad id!.db"));

        TenantDiscovery.Found found = discover("jdbc:sqlite:" + folder + "/{tenant}.db?journal_mode=WAL", null);

        assertThat(found.ids()).extracting(TenantId::value).containsExactly("acme", "globex");
        assertThat(found.server()).isEqualTo(folder.toRealPath().toString());
        assertThat(found.ignored()).containsExactlyInAnyOrder(
                "export.db: not a SQLite database (its first bytes are not SQLite's header), not taken for a tenant",
                "bad id!.db: 'bad id!' is not a valid tenant id");
        assertThat(discover("jdbc:sqlite:file:" + folder + "/{tenant}.db", "g%").ids()).extracting(TenantId::value)
                .containsExactly("globex");
        assertThat(discover("jdbc:sqlite:" + folder + "/{tenant}.db", "acm_.db").ids()).extracting(TenantId::value)
                .containsExactly("acme");
    }

    @Test
    void h2_files_are_named_without_their_mv_db_ending_and_a_prefix_in_the_template_is_kept_out_of_the_ids() throws Exception {
        Files.writeString(folder.resolve("t_acme.mv.db"), "x");
        Files.writeString(folder.resolve("t_acme.trace.db"), "x");
        Files.writeString(folder.resolve("t_globex.mv.db"), "x");
        Files.writeString(folder.resolve("other.mv.db"), "x");

        TenantDiscovery.Found found = discover("jdbc:h2:file:" + folder + "/t_{tenant};MODE=PostgreSQL", null);

        assertThat(found.ids()).extracting(TenantId::value).containsExactly("acme", "globex");
        assertThat(found.ignored()).isEmpty();
    }

    @Test
    void a_tenant_in_a_folders_name_a_missing_folder_and_a_url_are_refused_saying_what_to_do() {
        assertThatThrownBy(() -> discover("jdbc:sqlite:" + folder + "/{tenant}/app.db", null))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET))
                .hasMessageContaining("needs {tenant} in the file's name").hasMessageContaining("flotilla tenants add ID --url URL");
        assertThatThrownBy(() -> discover("jdbc:sqlite:" + folder + "/missing/{tenant}.db", null))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG))
                .hasMessageContaining(folder.resolve("missing") + ", does not exist");
        Tenancy files = new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + folder + "/{tenant}.db", null, null,
                null, null);
        assertThatThrownBy(() -> new TenantDiscovery(files).discover("jdbc:postgresql://db:5432/x", null))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessageContaining("leave --url out");
    }
}
