package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registered tenants counted up: how many are in each state or at each version, their groups, the kinds of
 * database they are registered on. Each is one grouped query of the tenants table, however many tenants, reading no
 * tenant's password. Read-only; as thread-safe as its control plane.
 */
public final class TenantCensus {
    private final ControlPlane plane;
    private final TenantStore tenants;

    TenantCensus(ControlPlane plane, TenantStore tenants) {
        this.plane = plane;
        this.tenants = tenants;
    }

    /** What {@link #countBy} counts by. */
    public enum Grouping { STATUS, VERSION }

    /**
     * How many tenants are in each state, or at each current version (null key: never seen). A state is the one the
     * tenant list shows: a tenant {@code migrating} in a deployment no longer running counts as {@code interrupted}.
     */
    public Map<String, Integer> countBy(Grouping grouping) {
        Map<String, Integer> counts = countStored(grouping);
        if (grouping == Grouping.STATUS && counts.containsKey("migrating")) {
            int interrupted = (int) tenants.migrating().stream().filter(r -> "interrupted".equals(r.status())).count();
            if (interrupted > 0) {
                counts.merge("interrupted", interrupted, Integer::sum);
                counts.compute("migrating", (status, count) -> count == interrupted ? null : count - interrupted);
            }
        }
        return counts;
    }

    private Map<String, Integer> countStored(Grouping grouping) {
        String column = grouping == Grouping.STATUS ? "status" : "current_version";
        return plane.with("counting tenants", c -> {
            Map<String, Integer> counts = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + column + ", COUNT(*) FROM tenants GROUP BY " + column);
                 ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
            return counts;
        });
    }

    /**
     * How many tenants are at a current version with a baseline version (either null: not known, none), as the plane last
     * learned them: one grouped query, however many tenants.
     */
    public List<AtVersion> versions() {
        return plane.with("counting tenants", c -> {
            List<AtVersion> counts = new java.util.ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT current_version, baseline_version, COUNT(*) FROM tenants"
                    + " GROUP BY current_version, baseline_version");
                 ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    counts.add(new AtVersion(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
            return counts;
        });
    }

    /**
     * {@code count} tenants at {@code current} (null: never read), whose history records the versions up to
     * {@code baseline} as baselined, never run there (null: none, or not learned yet).
     */
    public record AtVersion(String current, String baseline, int count) {
    }

    /**
     * The start of the URL each tenant was registered with, up to the colon after its product ({@code jdbc:postgresql:},
     * {@code jdbc:h2:}), each once, in the order of the first tenant (by id) to have it; null standing for the tenants
     * registered without a URL. What the fleet's dialects are read from: one row per kind of database, however many
     * tenants, and no tenant's password read.
     */
    public List<String> urlStarts() {
        return plane.with("reading tenants", c -> Jdbc.queryStrings(c, "SELECT url_start FROM (SELECT id,"
                + " SUBSTRING(url FROM 1 FOR 5 + POSITION(':' IN SUBSTRING(url FROM 6))) AS url_start FROM tenants) starts"
                + " GROUP BY url_start ORDER BY MIN(id)"));
    }

    /** The distinct groups, sorted. */
    public List<String> groups() {
        List<String> lists = plane.with("reading groups", c -> Jdbc.queryStrings(c, "SELECT DISTINCT groups_list FROM tenants"));
        return lists.stream().flatMap(l -> Arrays.stream(l.split(","))).filter(g -> !g.isBlank()).distinct().sorted().toList();
    }
}
