package dev.flotilla.verify;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Queries from the configuration are EXPLAINed and must be served by an index, not a full table scan. On
 * small test tables planners prefer scans, so the question asked is whether an index can serve the query:
 * PostgreSQL plans with sequential scans discouraged, MariaDB/MySQL must list a possible key for every table
 * it would scan, SQLite must SEARCH rather than SCAN, H2 must not use a table scan.
 */
final class IndexUsageCheck implements Check {
    private static final Pattern PG_SCAN = Pattern.compile("(Seq Scan on|Index (?:Only )?Scan(?: Backward)? using \\S+ on) (\\S+)");
    private static final Pattern SQLITE_SCAN = Pattern.compile("^SCAN (?:TABLE )?(\\S+)");

    @Override
    public String id() {
        return "index-usage";
    }

    @Override
    public CheckResult run(CheckContext context) throws SQLException {
        List<VerifyOptions.IndexQuery> queries = context.options().indexQueries();
        if (queries.isEmpty()) {
            return CheckResult.skipped(id(), "no queries configured (checks.index-usage)");
        }
        List<String> problems = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        for (VerifyOptions.IndexQuery query : queries) {
            String why = context.notYet(query.since());
            if (why != null) {
                notYet.add(why);
                continue;
            }
            String problem = problem(context, query.sql());
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (notYet.size() == queries.size()) {
            return CheckResult.skipped(id(), notYet.get(0) + (queries.size() == 1 ? "" : " (every query)"));
        }
        return CheckResult.of(id(), (queries.size() - notYet.size()) + " quer(ies) use an index" + (notYet.isEmpty() ? ""
                : "; " + notYet.size() + " not applicable yet (" + notYet.get(0) + ")"), problems);
    }

    /**
     * What is wrong with one query, or null: a table read whole, or the query failing (alone: in a transaction
     * under a savepoint of its own), with a hint when it reads a table that does not exist.
     */
    private static String problem(CheckContext context, String query) throws SQLException {
        Connection connection = context.connection();
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            List<String> scanned = scannedTables(context, query);
            return scanned.isEmpty() ? null : "\"" + oneLine(query) + "\" scans " + String.join(", ", scanned) + " without an index";
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return "\"" + oneLine(query) + "\" could not be explained [SQLSTATE " + e.getSQLState() + "]: " + dev.flotilla.target.Failures.message(e)
                    + (missingTable(e) ? " If a later migration creates the table, give the query the version of that"
                    + " migration: { sql: \"...\", since: VERSION } (checks.index-usage)." : "");
        }
    }

    /** Whether the database said a table the statement reads does not exist. */
    static boolean missingTable(SQLException e) {
        String state = e.getSQLState();
        return "42S02".equals(state) || "42P01".equals(state)
                || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("no such table");
    }

    /** The tables {@code query} would read whole, without an index; empty when an index serves it. */
    static List<String> scannedTables(CheckContext context, String query) throws SQLException {
        Connection connection = context.connection();
        return switch (context.dialect().name()) {
            case "postgresql" -> {
                String before = Jdbc.queryString(connection, "SELECT current_setting('enable_seqscan')");
                Jdbc.execute(connection, "SET enable_seqscan = off");
                try {
                    yield postgresScans(explain(connection, "EXPLAIN " + query, 1));
                } finally {
                    Jdbc.prepareAndRun(connection, "SELECT set_config('enable_seqscan', ?, false)", before);
                }
            }
            case "mariadb" -> {
                List<String> scanned = new ArrayList<>();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        // ALL scans the table, index the whole of an index; possible_keys says an index could look up.
                        String type = rows.getString("type");
                        if (("ALL".equals(type) || "index".equals(type)) && rows.getString("possible_keys") == null) {
                            scanned.add(rows.getString("table"));
                        }
                    }
                }
                yield scanned;
            }
            case "sqlite" -> matches(explain(connection, "EXPLAIN QUERY PLAN " + query, 4), SQLITE_SCAN);
            default -> explain(connection, "EXPLAIN " + query, 1).stream().anyMatch(line -> line.contains("tableScan"))
                    ? List.of("a table") : List.of();
        };
    }

    /**
     * The tables a PostgreSQL plan reads whole: a sequential scan, or an index scan without an Index Cond
     * (walking the whole index, chosen because sequential scans were discouraged).
     */
    private static List<String> postgresScans(List<String> plan) {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Matcher node = PG_SCAN.matcher(plan.get(i));
            if (!node.find()) {
                continue;
            }
            boolean lookup = false;
            for (int j = i + 1; j < plan.size() && !plan.get(j).contains("(cost="); j++) {
                lookup |= plan.get(j).startsWith("Index Cond:");
            }
            if (node.group(1).startsWith("Seq Scan") || !lookup) {
                tables.add(node.group(2));
            }
        }
        return tables;
    }

    private static List<String> explain(Connection connection, String sql, int column) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(column).strip());
            }
        }
        return lines;
    }

    private static List<String> matches(List<String> lines, Pattern pattern) {
        List<String> tables = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line.replaceFirst("^->\\s*", ""));
            if (matcher.find()) {
                tables.add(matcher.group(1));
            }
        }
        return tables;
    }

    private static String oneLine(String query) {
        String line = query.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
