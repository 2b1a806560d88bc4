package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the embedded control plane for a command that only reads it: read-only where that holds (nothing
 * written, no lock file), the ordinary way everywhere else. Another process serving the file is in CliConsoleIT.
 */
class ControlPlaneReadingTest {
    @TempDir
    Path home;

    private Path lockFile() {
        return home.resolve(".flotilla").resolve("control.lock.db");
    }

    private Path dataFile() {
        return home.resolve(".flotilla").resolve("control.mv.db");
    }

    @Test
    void an_up_to_date_file_nobody_has_open_is_read_without_a_lock_file_and_refuses_writes() throws Exception {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of("eu")));
        }
        long written = Files.getLastModifiedTime(dataFile()).toMillis();
        long size = Files.size(dataFile());

        try (ControlPlane plane = ControlPlane.openForReading(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(lockFile()).as("no lock file, so no auto-server either").doesNotExist();
            assertThat(plane.tenants().all()).extracting(r -> r.tenant().id().value()).containsExactly("acme");
            assertThat(plane.deployments().newest(5)).isEmpty();
            assertThatThrownBy(() -> plane.tenants().add(new Tenant(TenantId.of("other"), null, null, null, List.of())))
                    .isInstanceOf(FlotillaException.class).hasMessageContaining("read only");
        }
        assertThat(Files.size(dataFile())).as("nothing written, not even on closing").isEqualTo(size);
        assertThat(Files.getLastModifiedTime(dataFile()).toMillis()).isEqualTo(written);
    }

    @Test
    void a_file_without_the_shared_settings_nobody_has_open_is_read_without_writing_to_it_too() throws Exception {
        String single = "jdbc:h2:file:" + home.resolve(".flotilla").resolve("control").toAbsolutePath().normalize();
        try (ControlPlane plane = ControlPlane.open(single, "sa", null)) {
            plane.tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of("eu")));
        }
        long written = Files.getLastModifiedTime(dataFile()).toMillis();
        long size = Files.size(dataFile());

        try (ControlPlane plane = ControlPlane.openForReading(single, "sa", null)) {
            assertThat(plane.tenants().all()).extracting(r -> r.tenant().id().value()).containsExactly("acme");
            assertThatThrownBy(() -> plane.tenants().add(new Tenant(TenantId.of("other"), null, null, null, List.of())))
                    .isInstanceOf(FlotillaException.class).hasMessageContaining("read only");
        }
        assertThat(Files.size(dataFile())).as("nothing written, not even on closing").isEqualTo(size);
        assertThat(Files.getLastModifiedTime(dataFile()).toMillis()).isEqualTo(written);
    }

    @Test
    void a_file_not_made_yet_is_made_the_ordinary_way() {
        try (ControlPlane plane = ControlPlane.openForReading(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(plane.tenants().all()).isEmpty();
            plane.tenants().add(new Tenant(TenantId.of("acme"), null, null, null, List.of()));
        }
        assertThat(dataFile()).exists();
    }

    @Test
    void only_the_embedded_default_settings_are_opened_read_only() throws Exception {
        String shared = ControlPlane.embeddedUrl(home);
        ControlPlane.open(shared, "sa", null).close();
        String path = home.resolve(".flotilla").resolve("control").toAbsolutePath().normalize().toString();

        assertThat(EmbeddedFile.readOnlyUrl(shared)).isEqualTo("jdbc:h2:file:" + path + ";ACCESS_MODE_DATA=r");
        assertThat(EmbeddedFile.readOnlyUrl(shared + ";CIPHER=AES")).as("settings it cannot vouch for").isNull();
        assertThat(EmbeddedFile.readOnlyUrl("jdbc:h2:file:" + path)).as("not shared: a single-process file, no settings")
                .isEqualTo("jdbc:h2:file:" + path + ";ACCESS_MODE_DATA=r");
        assertThat(EmbeddedFile.readOnlyUrl("jdbc:h2:file:" + path + ";AUTO_SERVER=TRUE")).as("not all of ours").isNull();
        assertThat(EmbeddedFile.readOnlyUrl(ControlPlane.embeddedUrl(home.resolve("elsewhere")))).as("no file yet").isNull();
        assertThat(EmbeddedFile.readOnlyUrl("jdbc:postgresql://127.0.0.1:5432/flotilla")).isNull();
    }
}
