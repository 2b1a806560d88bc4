package dev.flotilla.control;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded control plane keeping each tenant's dry-run error code. */
class DryRunErrorCodesTest extends DryRunErrorCodesContract {
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
