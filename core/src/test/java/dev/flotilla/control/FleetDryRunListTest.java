package dev.flotilla.control;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link FleetDryRunListContract} on the embedded control plane (H2). */
class FleetDryRunListTest extends FleetDryRunListContract {
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
