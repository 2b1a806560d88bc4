package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlText;
import dev.flotilla.target.TargetSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param doubts why part of the finding is a guess, where the down files copy the column to a place the guard cannot
 *     know (an {@code INSERT INTO t SELECT ...} naming no columns of a table whose columns it does not know, say); empty
 *     when it is certain
 */
public record TenantMerge(String target, String column, Map<String, Long> tables, long tenants, List<String> doubts) {
    public TenantMerge {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        doubts = List.copyOf(doubts);
    }

    /**
     * The merge the down {@code scripts} would make on the session's target, {@code named} its dialect as its server tells
     * names apart ({@link Dialect#forNames}), or null: when they take {@code column} from no table that has it, or the
     * rows of those tables hold one tenant's value at most. {@code guesses} gets why where the down files copy the column
     * is a guess, for each table it is (named as before they ran), the merge found or not: said with the refusal, or on
     * its own when nothing is refused.
     */
    static TenantMerge find(TargetSession session, Dialect named, List<PreparedScript> scripts, String column,
                            List<String> guesses) throws SQLException {
        if (column == null || scripts.isEmpty()) {
            return null;
        }
        SqlText text = session.dialect().text();
        LosingTable.Catalog catalog = new LosingTable.Catalog(session, named);
        Set<TenantColumnDrops.TableName> losing = new LinkedHashSet<>();
        List<RenamedTables> readings = new ArrayList<>();
        for (TableIdentity identity : catalog.identities()) {
            RenamedTables renamed = new RenamedTables(identity, column, name -> catalog.columns(name, identity));
            readings.add(renamed);
            for (PreparedScript script : scripts) {
                losing.addAll(TenantColumnDrops.in(text, script.statements().stream().map(s -> text.normalize(s.sql()))
                        .toList(), renamed));
            }
        }
        for (RenamedTables reading : readings) {
            reading.doubts().forEach((name, doubt) -> {
                String guess = name.table() + ": " + doubt;
                if (!guesses.contains(guess)) {
                    guesses.add(guess);
                }
            });
        }
        List<LosingTable> tables = new ArrayList<>();
        Set<String> doubts = new LinkedHashSet<>();
        for (TenantColumnDrops.TableName name : losing) {
            LosingTable table = catalog.find(name, column);
            if (table != null && tables.stream().noneMatch(t -> t.display().equals(table.display()))) {
                tables.add(table);
            }
            if (table != null) {
                readings.stream().map(r -> r.doubt(name)).filter(java.util.Objects::nonNull)
                        .forEach(d -> doubts.add(table.display() + ": " + d));
            }
        }
        if (tables.isEmpty()) {
            return null;
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        long tenants = count(session, tables, perTable);
        return tenants > 1 ? new TenantMerge(session.spec().displayName(), column, perTable, tenants, List.copyOf(doubts))
                : null;
    }

    /** The distinct values of the column in each table ({@code perTable}) and in all of them together. */
    private static long count(TargetSession session, List<LosingTable> tables, Map<String, Long> perTable)
            throws SQLException {
        List<String> each = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (LosingTable table : tables) {
            String col = session.dialect().quote(table.column());
            String from = " FROM " + table.sql() + " WHERE " + col + " IS NOT NULL";
            each.add("SELECT '" + table.display().replace("'", "''") + "', COUNT(DISTINCT " + col + ")" + from);
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

    /**
     * What {@code target}'s guard said only with a refusal, said when nothing is refused: that it let the rollback through
     * on a guess of where the down files copy {@code column} ({@code guesses}, from {@link #find}).
     */
    static String uncertain(String target, String column, List<String> guesses) {
        return target + ": Uncertain, as the guard could not tell where the down files copy the tenant column " + column
                + ": " + String.join("; ", guesses.stream().limit(5).toList()) + (guesses.size() > 5 ? "; ..." : "")
                + ". It took each row to keep its tenant and does not refuse the rollback. Read those statements: if a"
                + " copy loses the tenant, the rows of every tenant would be merged for good; name the columns the copy fills"
                + " (INSERT INTO t (a, " + column + ") SELECT ...) so the guard can tell.";
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
                + " back. Nothing was rolled back." + (doubts.isEmpty() ? "" : " Uncertain, as the guard could not tell"
                + " where the down files copy the column: " + String.join("; ", doubts.stream().limit(5).toList())
                + (doubts.size() > 5 ? "; ..." : "") + ". Read those statements: if the rows keep their tenant, name the"
                + " columns the copy fills (INSERT INTO t (a, tenant_id) SELECT ...) so the guard can tell."));
    }
}
