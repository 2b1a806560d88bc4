package dev.flotilla.control;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded control plane, written by a process in one time zone and read by processes in others. */
class PlaneTimesAcrossZonesTest extends PlaneTimesAcrossZonesContract {
    @TempDir
    Path home;

    @Override
    String url() {
        return ControlPlane.embeddedUrl(home);
    }

    @Override
    String user() {
        return null;
    }
}
