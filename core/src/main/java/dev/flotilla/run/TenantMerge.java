package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.SqlText;
import dev.flotilla.target.TargetSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rollback that would merge the rows of a shared schema's tenants: its down scripts take the tenant column away from
 * tables ({@code ALTER TABLE t DROP [COLUMN] tenant_id}, or SQLite's rebuild whose copy leaves it out, as {@code tenancy
 * adopt}'s down file does) whose rows belong to more than one tenant. Once the column is gone nothing tells whose a row
 * is, and rows of a table without a unique key mix for good. Found before anything runs; found on one target.
 *
 * @param target the target's display name (no secret)
 * @param column the tenant column
 * @param tables the tables losing the column, with the distinct tenant values of their rows, in the scripts' order
 * @param tenants the distinct tenant values among the rows of all those tables
 */
public record TenantMerge(String target, String column, Map<String, Long> tables, long tenants) {
    private static final Pattern ALTER = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
            + "(\"[^\"]+\"|`[^`]+`|\\S+)\\s+(.*)$");
    private static final Pattern INSERT_SELECT = Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+(\"[^\"]+\"|`[^`]+`|[^\\s(]+)"
            + "(.*?)\\bSELECT\\b(.*)\\bFROM\\s+(\"[^\"]+\"|`[^`]+`|[^\\s;]+)");

    public TenantMerge {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * The merge the down {@code scripts} would make on the session's target, or null: when they take {@code column} from
     * no table that has it, or the rows of those tables hold one tenant's value at most.
     */
    static TenantMerge find(TargetSession session, List<PreparedScript> scripts, String column) throws SQLException {
        if (column == null || scripts.isEmpty()) {
            return null;
        }
        SqlText text = session.dialect().text();
        Set<String> losing = new LinkedHashSet<>();
        for (PreparedScript script : scripts) {
            List<String> normalized = script.statements().stream().map(s -> text.normalize(s.sql())).toList();
            losing.addAll(droppingColumn(text, normalized, column));
            losing.addAll(rebuiltWithout(text, normalized, column));
        }
        List<String> tables = withColumn(SnapshotReader.of(session), losing, column);
        if (tables.isEmpty()) {
            return null;
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        long tenants = count(session, tables, column, perTable);
        return tenants > 1 ? new TenantMerge(session.spec().displayName(), column, perTable, tenants) : null;
    }

    /** The tables an {@code ALTER TABLE ... DROP [COLUMN] [IF EXISTS] column} of these statements names. */
    private static Set<String> droppingColumn(SqlText text, List<String> normalized, String column) {
        Pattern drop = Pattern.compile("(?i)\\bDROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?[\"`\\[]?" + Pattern.quote(column)
                + "[\"`\\]]?(?![\\w$])");
        Set<String> tables = new LinkedHashSet<>();
        for (String sql : normalized) {
            Matcher m = ALTER.matcher(sql);
            if (m.find() && drop.matcher(m.group(2)).find()) {
                tables.add(text.name(m.group(1)));
            }
        }
        return tables;
    }

    /**
     * The tables one script rebuilds ({@link SqlText#rebuilds}) whose copy leaves the column out: its {@code INSERT
     * INTO new ... SELECT ... FROM old} names it nowhere (a {@code SELECT *} copies it where the new table has it).
     */
    private static Set<String> rebuiltWithout(SqlText text, List<String> normalized, String column) {
        Set<String> rebuilt = text.rebuilds(normalized).stream().map(SqlText.Rebuild::table)
                .collect(java.util.stream.Collectors.toSet());
        Pattern word = Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(column) + "(?![\\w$])");
        Set<String> tables = new LinkedHashSet<>();
        for (String sql : normalized) {
            Matcher m = INSERT_SELECT.matcher(sql);
            if (!m.find() || !rebuilt.contains(text.name(m.group(4)))) {
                continue;
            }
            boolean copied = word.matcher(m.group(2)).find() || word.matcher(m.group(3)).find();
            if (!copied && m.group(3).trim().equals("*")) {
                String created = text.name(m.group(1));
                copied = normalized.stream().anyMatch(s -> s.matches("(?is)^\\s*CREATE\\s+TABLE\\s+.*") && word.matcher(s).find()
                        && s.toLowerCase(Locale.ROOT).contains(created));
            }
            if (!copied) {
                tables.add(text.name(m.group(4)));
            }
        }
        return tables;
    }

    /** Of {@code names}, the tables of the target that have the column now, as the catalog spells them. */
    private static List<String> withColumn(SchemaSnapshot schema, Set<String> names, String column) {
        List<String> tables = new ArrayList<>();
        for (String name : names) {
            schema.tables().stream().filter(t -> t.name().equalsIgnoreCase(name))
                    .filter(t -> t.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column)))
                    .findFirst().ifPresent(t -> tables.add(t.name()));
        }
        return tables;
    }

    /** The distinct values of the column in each table ({@code perTable}) and in all of them together. */
    private static long count(TargetSession session, List<String> tables, String column, Map<String, Long> perTable)
            throws SQLException {
        List<String> each = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String table : tables) {
            String from = " FROM " + qualified(session, table) + " WHERE " + session.dialect().quote(column) + " IS NOT NULL";
            String col = session.dialect().quote(column);
            each.add("SELECT '" + table.replace("'", "''") + "', COUNT(DISTINCT " + col + ")" + from);
            values.add("SELECT " + col + " AS v" + from);
        }
        String sql = String.join(" UNION ALL ", each) + " UNION ALL SELECT NULL, COUNT(*) FROM (" + String.join(" UNION ", values)
                + ") merged";
        long all = 0;
        try (Statement statement = session.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                if (rows.getString(1) == null) {
                    all = rows.getLong(2);
                } else {
                    perTable.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return all;
    }

    private static String qualified(TargetSession session, String table) {
        String quoted = session.dialect().quote(table);
        return session.schema() == null ? quoted : session.dialect().quote(session.schema()) + "." + quoted;
    }

    /** The refusal: what would be merged, where, and what to do instead. */
    public FlotillaException refusal() {
        List<String> named = new ArrayList<>();
        tables.forEach((table, values) -> named.add(table + " (" + values + (values == 1 ? " tenant" : " tenants") + ")"));
        return new FlotillaException(ErrorCode.ROLLBACK_REFUSED, "Cannot roll back " + target + ": its down files drop"
                + " the tenant column " + column + " from " + tables.size() + " table(s) holding the rows of " + tenants
                + " tenants: " + String.join(", ", named.stream().limit(20).toList()) + (named.size() > 20 ? ", ..." : "")
                + ". Their rows would be merged: nothing would tell whose a row is, and the rows of a table without a unique"
                + " key could never be told apart again. Restore a backup taken before the tenant column was added"
                + " (`flotilla restore`), or split the data first (each tenant's rows to a target of its own), then roll"
                + " back. Nothing was rolled back.");
    }
}
