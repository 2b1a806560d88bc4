package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What names a tenant to register or create: its id, display name, groups, and its own URL or schema. */
final class TenantOptions {
    @Parameters(index = "0", paramLabel = "ID", description = "Letters, digits, '_' and '-'; used in database and schema names.")
    String id;

    @Option(names = "--name", description = "A display name (default: the id).")
    String displayName;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "This tenant's own database, instead of the template;"
            + " a relative SQLite or H2 file is in the folder of flotilla.yml.")
    String url;

    @Option(names = "--schema", description = "This tenant's own schema, instead of the template.")
    String schema;

    @Option(names = "--group", paramLabel = "G", description = "A group it belongs to; repeatable.")
    List<String> groups = new ArrayList<>();

    /**
     * The tenant; a URL with a password in it is refused (passwords are never stored), and masked meanwhile. A relative
     * SQLite or H2 file in the URL is stored resolved against {@code home}, the folder of flotilla.yml, as tenancy's are.
     */
    Tenant tenant(Output output, java.nio.file.Path home) {
        if (url != null) {
            output.addSecretsOf(url);
            if (!JdbcUrls.secretsIn(url).isEmpty()) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "The URL of tenant " + id + " carries a password; passwords"
                        + " are never stored. Remove it and set tenancy.passwordEnv.");
            }
        }
        return new Tenant(TenantId.of(id), displayName, JdbcUrls.withFileIn(url, home), schema, groups);
    }
}
