package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.plan.MigrationStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant column {@code tenancy adopt} gave one target, as its history says: an applied adoption migration
 * ({@code V5__adopt_tenant_id.sql}, {@code 005_adopt_tenant_id.sql}) made it a shared schema. {@code rollback --url}
 * without {@code --tenant-column} guards that column, saying so, rather than roll back unguarded a target whose rows
 * belong to several tenants.
 */
final class AdoptedTenantColumn {
    private static final Pattern ADOPTION = Pattern.compile("(?i)^(?:V[^_]+__|\\d+_)adopt_(\\w+)\\.sql$");

    private AdoptedTenantColumn() {
    }

    /** The column of the adoption applied last, said on stderr; null when the history holds none. */
    static String warnedOf(Flotilla flotilla, Output output) {
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
}
