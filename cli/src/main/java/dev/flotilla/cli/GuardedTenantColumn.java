package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.ConfigLoader;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenancyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant column {@code rollback --url} guards when {@code --tenant-column} is not given, said on stderr: the one the
 * flotilla.yml in reach ({@code --config}, or ./flotilla.yml) declares for this very shared schema (its tenancy.url and
 * schema), else the one an applied {@code tenancy adopt} migration ({@code V5__adopt_tenant_id.sql}) added, which made
 * the target a shared schema. Rather than roll back unguarded a target whose rows belong to several tenants.
 */
final class GuardedTenantColumn {
    private static final Pattern ADOPTION = Pattern.compile("(?i)^(?:V[^_]+__|\\d+_)adopt_(\\w+)\\.sql$");

    private GuardedTenantColumn() {
    }

    /** The column to guard on {@code target}, or null when neither the configuration nor the history names one. */
    static String of(Flotilla flotilla, TargetSpec target, Path configFile, Map<String, String> environment, Output output) {
        String configured = configured(target, configFile, environment, output);
        if (configured != null) {
            output.warn("flotilla.yml declares " + target.displayName() + " a shared schema: its tenant column " + configured
                    + " (tenancy.tenantColumn) is guarded, as with --tenant-column " + configured + ".");
            return configured;
        }
        for (MigrationStatus applied : flotilla.status().appliedLastInstalledFirst()) {
            String script = applied.latest() == null ? null : applied.latest().script();
            Matcher m = script == null ? null : ADOPTION.matcher(script);
            if (m != null && m.matches()) {
                output.warn(script + " (tenancy adopt) made this target a shared schema: its tenant column " + m.group(1)
                        + " is guarded, as with --tenant-column " + m.group(1) + " (name another column with"
                        + " --tenant-column).");
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * The tenant column of a shared-schema configuration in reach whose tenancy.url (parameters aside) and schema are the
     * target's; null otherwise. A configuration that does not load is no part of a rollback of one target: not read, and
     * said on stderr, since the tenant column it may declare is then not guarded.
     */
    private static String configured(TargetSpec target, Path configFile, Map<String, String> environment, Output output) {
        Path file = configFile != null ? configFile : Path.of("flotilla.yml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        FlotillaConfig.TenancyConfig tenancy;
        try {
            tenancy = ConfigLoader.load(file, true, environment).tenancy();
        } catch (FlotillaException e) {
            output.warn(file + " could not be loaded, so its tenancy.tenantColumn is not guarded on this rollback: "
                    + withoutFile(e.getMessage(), file) + " (" + e.code() + "). Fix the file, or name the shared schema's"
                    + " tenant column with --tenant-column COLUMN.");
            return null;
        }
        boolean shared = TenancyModel.parse(tenancy.model()) == TenancyModel.SHARED_SCHEMA;
        boolean same = tenancy.url() != null && withoutParameters(tenancy.url()).equalsIgnoreCase(withoutParameters(target.url()))
                && Objects.equals(lower(tenancy.schemaTemplate()), lower(target.schema()));
        return shared && same ? tenancy.tenantColumn() : null;
    }

    /**
     * The loader's error without the file it names before each problem ({@code /abs/flotilla.yml: ...}, {@code
     * /abs/flotilla.yml:3: ...}, the line kept as {@code line 3: ...}): the warning names the file once, before it.
     */
    private static String withoutFile(String error, Path file) {
        String said = error;
        for (String name : new String[] {file.toAbsolutePath().normalize().toString(), file.toString()}) {
            said = said.replaceAll(java.util.regex.Pattern.quote(name) + ":(\\d+): ", "line $1: ")
                    .replace(name + ": ", "");
        }
        return said.strip().replaceAll("\\.$", "");
    }

    private static String withoutParameters(String url) {
        return url.split("[?;]", 2)[0];
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
