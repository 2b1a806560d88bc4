package dev.flotilla.cli;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What names a tenant to register or create: its id, display name, groups, its own URL or schema, and its own login. */
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

    @Mixin
    LoginOptions login;

    /**
     * The tenant as {@code tenancy} registers it: a URL with a password in it refused (and masked meanwhile), a relative
     * SQLite or H2 file in it resolved against the folder of flotilla.yml, as tenancy's are; its own login checked (see
     * {@link Tenancy#registeringCredentials}).
     */
    Tenant tenant(Output output, Tenancy tenancy) {
        if (url != null) {
            output.addSecretsOf(url);
        }
        return tenancy.registering(new Tenant(TenantId.of(id), displayName, url, schema, groups, login.credentials()));
    }
}
