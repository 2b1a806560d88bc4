package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded control plane's folder and files are closed to other users: its lock file names the port and key of
 * the server a running process opens on it, through which anyone could rewrite a tenant's URL and catch the password
 * the next deploy sends there.
 */
class ControlPlaneFilesPrivateTest {
    @TempDir
    Path home;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void the_default_folder_is_made_owner_only_and_so_are_the_files_h2_makes_in_it() throws Exception {
        Path folder = home.resolve(".flotilla");
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(mode(folder)).isEqualTo("rwx------");
            assertThat(mode(folder.resolve("control.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(folder.resolve("control.lock.db"))).as("port and key of the auto-server").isEqualTo("rw-------");
        }
    }

    @Test
    void a_default_folder_an_earlier_version_left_open_is_closed_when_opened_for_writing_or_reading() throws Exception {
        Path folder = home.resolve(".flotilla");
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.tenants().all();
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(folder.resolve("control.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (ControlPlane plane = ControlPlane.openForReading(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(mode(folder)).isEqualTo("rwx------");
        }
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(mode(folder.resolve("control.mv.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void a_folder_of_the_users_choosing_keeps_its_mode_but_the_control_planes_files_in_it_are_closed() throws Exception {
        Path shared = Files.createDirectories(home.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = EmbeddedFile.url(shared.resolve("control"));
        try (ControlPlane plane = ControlPlane.open(url, "sa", null)) {
            assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
            assertThat(mode(shared.resolve("control.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(shared.resolve("control.lock.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void a_folder_flotilla_creates_for_a_file_of_the_users_choosing_is_owner_only() throws Exception {
        Path made = home.resolve("planes").resolve("team");
        try (ControlPlane plane = ControlPlane.open(EmbeddedFile.url(made.resolve("control")), "sa", null)) {
            assertThat(mode(made)).isEqualTo("rwx------");
        }
    }
}
