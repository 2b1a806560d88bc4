package dev.flotilla.cli.config;

import dev.flotilla.tenant.TenancyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The commented starter flotilla.yml that {@code flotilla init} writes, its tenancy keys those of one model: a key
 * another model reads is warned about, so a starter switched by hand would keep one to remove.
 */
public final class InitTemplate {
    private InitTemplate() {
    }

    /** The starter for schema-per-tenant, the default model. */
    public static String text() {
        return text(TenancyModel.SCHEMA_PER_TENANT);
    }

    public static String text(TenancyModel model) {
        String tenantColumn = model == TenancyModel.SHARED_SCHEMA ? "  # The column that says whose a row is; lint warns"
                + " about new tables without it.\n  tenantColumn: tenant_id\n" : "";
        return resource("flotilla.yml").replace("{{tenancy}}", resource("tenancy-" + model.word() + ".yml"))
                .replace("{{tenantColumn}}", tenantColumn);
    }

    private static String resource(String name) {
        try (InputStream in = InitTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Flotilla's jar lacks its starter " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
