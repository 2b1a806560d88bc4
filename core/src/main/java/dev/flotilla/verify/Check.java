package dev.flotilla.verify;

import java.sql.SQLException;

/** One verification. Implementations are stateless; the context carries the target and what is known of it. */
interface Check {
    String id();

    CheckResult run(CheckContext context) throws SQLException;
}
