package dev.flotilla.verify;

import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A custom check's statement as it runs. {@code ${tenant}} stands for the tenant's id, which is bound as a parameter
 * ({@code ?}) wherever it is written, never pasted into the SQL: an id with a quote in it can neither break the query
 * nor change it. Inside string literals, quoted names, dollar-quoted bodies and comments, as the dialect's splitter reads
 * them ({@link Dialect#find}), it is not a placeholder; in quotes it is refused when the check is read ({@link #quoted}),
 * since a parameter cannot stand there.
 *
 * @param text the statement, each {@code ${tenant}} outside quotes and comments replaced by {@code ?}
 * @param tenantUses how many there were: a check with any runs once for each tenant, with its id
 * @param quoted whether {@code ${tenant}} was written inside quotes ({@code '${tenant}'}), which is refused
 */
record CheckSql(String text, int tenantUses, boolean quoted) {
    static final String TENANT = "${tenant}";

    /** Reads {@code sql} as {@code dialect}'s splitter reads quotes, comments and bodies. */
    static CheckSql of(String sql, Dialect dialect) {
        Dialect.Found tenant = dialect.find(sql, TENANT);
        StringBuilder text = new StringBuilder(sql.length());
        int from = 0;
        for (int at : tenant.inCode()) {
            text.append(sql, from, at).append('?');
            from = at + TENANT.length();
        }
        text.append(sql, from, sql.length());
        return new CheckSql(text.toString(), tenant.inCode().size(), tenant.inQuotes());
    }

    boolean perTenant() {
        return tenantUses > 0;
    }

    /**
     * A statement ready to run with {@code tenant} bound to every {@code ${tenant}}; a plain statement where there is
     * none, as before placeholders (a PostgreSQL {@code ?} operator is then left alone).
     */
    Statement prepare(Connection connection, Dialect dialect, String tenant) throws SQLException {
        if (!perTenant()) {
            return connection.createStatement();
        }
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            for (int i = 1; i <= tenantUses; i++) {
                dialect.bindUntyped(statement, i, tenant);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Runs it on a statement {@link #prepare} made; true when it returned rows. */
    boolean execute(Statement statement) throws SQLException {
        return statement instanceof PreparedStatement prepared ? prepared.execute() : statement.execute(text);
    }
}
