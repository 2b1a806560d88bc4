package dev.flotilla.verify;

import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom check's statement as it runs. {@code ${tenant}} stands for the tenant's id, which is bound as a parameter
 * ({@code ?}) wherever it is written, never pasted into the SQL: an id with a quote in it can neither break the query
 * nor change it. Inside string literals, quoted names and comments it is not a placeholder; in quotes it is refused
 * when the check is read ({@link #quoted}), since a parameter cannot stand there.
 *
 * @param text the statement, each {@code ${tenant}} outside quotes and comments replaced by {@code ?}
 * @param tenantUses how many there were: a check with any runs once for each tenant, with its id
 * @param quoted whether {@code ${tenant}} was written inside quotes ({@code '${tenant}'}), which is refused
 */
record CheckSql(String text, int tenantUses, boolean quoted) {
    static final String TENANT = "${tenant}";
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*)?\\$");

    /** Reads {@code sql} as {@code dialect} quotes and comments. */
    static CheckSql of(String sql, Dialect dialect) {
        StringBuilder text = new StringBuilder(sql.length());
        int uses = 0;
        boolean quoted = false;
        int i = 0;
        while (i < sql.length()) {
            int end = endOfQuotedOrComment(sql, i, dialect.name());
            if (end > i) {
                String part = sql.substring(i, end);
                quoted |= part.contains(TENANT) && !part.startsWith("--") && !part.startsWith("/*");
                text.append(part);
                i = end;
            } else if (sql.startsWith(TENANT, i)) {
                text.append('?');
                uses++;
                i += TENANT.length();
            } else {
                text.append(sql.charAt(i++));
            }
        }
        return new CheckSql(text.toString(), uses, quoted);
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

    /**
     * Where the string literal, quoted name or comment starting at {@code i} ends (just after it), or {@code i} when none
     * starts there. One left open runs to the end of the text.
     */
    private static int endOfQuotedOrComment(String sql, int i, String dialect) {
        char c = sql.charAt(i);
        boolean mariadb = "mariadb".equals(dialect);
        if (c == '\'' || c == '"' || c == '`' && mariadb) {
            return closing(sql, i + 1, c, mariadb && c != '`');
        }
        if (sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        if (c == '$' && "postgresql".equals(dialect)) {
            Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
            if (tag.lookingAt()) {
                int close = sql.indexOf(tag.group(), tag.end());
                return close < 0 ? sql.length() : close + tag.group().length();
            }
        }
        return i;
    }

    /** Just after the quote {@code q} that closes what opened before {@code from}: a doubled one does not close. */
    private static int closing(String sql, int from, char q, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == q && i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
