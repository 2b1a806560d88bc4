package dev.flotilla.cli;

import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.verify.VerifyOptions;

/**
 * What the configuration asks of checks and dry runs: the configured checks with the shared-schema tenancy's tenant
 * column, the tables it excludes, the row-level security column. Read from {@link FleetContext#config()} each time.
 */
record ConfiguredChecks(FlotillaConfig config) {

    /**
     * The configured checks; in shared-schema tenancy the tenant column is checked unless configured otherwise, and a
     * deployment counts each tenant's rows.
     */
    VerifyOptions verifyOptions() {
        VerifyOptions checks = config().checks();
        return sharedTenantColumn() == null ? checks
                : checks.withTenantColumn(new VerifyOptions.TenantColumnRule(sharedTenantColumn(), java.util.Set.of()))
                        .sharedBy(sharedTenantColumn());
    }

    /** The tenant column when the tenancy is shared-schema, null otherwise. */
    String sharedTenantColumn() {
        return TenancyModel.parse(config().tenancy().model()) == TenancyModel.SHARED_SCHEMA ? config().tenancy().tenantColumn() : null;
    }

    /** The configured dry-run options; mode and sample rows as given. */
    dev.flotilla.run.DryRunOptions dryRunOptions(String mode, int sampleRows, boolean roundTrip) {
        FlotillaConfig settings = config();
        return new dev.flotilla.run.DryRunOptions(dev.flotilla.run.DryRunMode.parse(mode), sampleRows,
                settings.dryRun().lockTimeout(), new dev.flotilla.lint.LintOptions(java.util.Set.copyOf(settings.lint().disabled()),
                sharedTenantColumn(), settings.lint().largeTableRows(), rlsColumn(), sharedTables()), verifyOptions(), roundTrip);
    }

    /** The tables shared by all tenants, without the tenant column: the tenant-column check's exclude. */
    java.util.Set<String> sharedTables() {
        VerifyOptions.TenantColumnRule rule = config().checks().tenantColumn();
        return rule == null ? java.util.Set.of() : rule.exclude();
    }

    /** The tenant column whose tables need row-level security: when checks.rls is configured. */
    String rlsColumn() {
        return config().checks().rls() == null ? null : config().checks().rls().column();
    }
}
