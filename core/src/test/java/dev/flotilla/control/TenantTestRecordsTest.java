package dev.flotilla.control;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link TenantTestRecordsContract} on the embedded control plane (H2). */
class TenantTestRecordsTest extends TenantTestRecordsContract {
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
