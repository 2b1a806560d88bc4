package dev.flotilla.verify;

import java.sql.SQLException;

/** One verification. Implementations are stateless; the context carries the target and what is known of it. */
interface Check {
    String id();

    /**
     * Whether the check reads the rows of the tables, and so, in a schema tenants share, runs once per tenant on its
     * own rows (and once on the tables without the tenant column, shared by all); the others are schema-wide by nature.
     */
    default boolean readsTenantRows() {
        return false;
    }

    CheckResult run(CheckContext context) throws SQLException;
}
