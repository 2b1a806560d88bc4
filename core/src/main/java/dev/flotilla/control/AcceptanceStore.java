package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.DriftAcceptance;
import dev.flotilla.run.HistoryPosition;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live schemas accepted with {@code drift --accept}, the newest per tenant: recording one replaces the tenant's
 * earlier acceptance. Thread-safe as the plane is.
 */
public final class AcceptanceStore implements DriftAcceptance.Store {
    private static final int PER_QUERY = 500;
    private static final String SEPARATOR = "\n--flotilla:next-statement--\n";

    private final ControlPlane plane;

    AcceptanceStore(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * The acceptances of these tenants alone, by tenant (none for a tenant without one): a check of a few tenants of a
     * large fleet reads theirs, not every tenant's; asked {@value #PER_QUERY} tenants a query. A kept structure is read
     * when first used ({@link DriftAcceptance#readWhenNeeded}), from the same acceptance.
     */
    @Override
    public Map<TenantId, DriftAcceptance> of(Collection<TenantId> tenants) {
        Map<TenantId, DriftAcceptance> found = new LinkedHashMap<>();
        List<String> ids = tenants.stream().map(TenantId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += PER_QUERY) {
            found.putAll(read(ids.subList(from, Math.min(ids.size(), from + PER_QUERY))));
        }
        return found;
    }

    private Map<TenantId, DriftAcceptance> read(List<String> ids) {
        return plane.with("reading drift acceptances", c -> {
            Map<TenantId, DriftAcceptance> all = new LinkedHashMap<>();
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, dialect, last_rank, position, history_digest,"
                    + " fingerprint, fingerprint_format, structure IS NOT NULL, structure_problem, accepted_by, accepted_at"
                    + " FROM drift_acceptances WHERE tenant_id IN (" + Jdbc.marks(ids.size())
                    + ") ORDER BY tenant_id", ids.toArray());
                 ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    TenantId tenant = TenantId.of(r.getString(1));
                    Instant acceptedAt = PlaneTime.read(r, 11);
                    all.put(tenant, new DriftAcceptance(tenant, r.getString(2), new HistoryPosition(r.getInt(3),
                            r.getString(5), r.getString(4)), r.getString(6), r.getInt(7), r.getBoolean(8)
                            ? DriftAcceptance.readWhenNeeded(() -> structure(tenant, acceptedAt)) : null, r.getString(9),
                            r.getString(10), acceptedAt));
                }
            }
            return all;
        });
    }

    /** The structure kept with the tenant's acceptance of {@code acceptedAt}; refused when it was replaced since. */
    private List<String> structure(TenantId tenant, Instant acceptedAt) {
        return plane.with("reading an accepted structure", c -> {
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT structure FROM drift_acceptances WHERE tenant_id = ?"
                    + " AND accepted_at = ?", tenant.value(), PlaneTime.of(acceptedAt));
                 ResultSet r = query.executeQuery()) {
                if (!r.next() || r.getString(1) == null) {
                    throw new FlotillaException(ErrorCode.TARGET_CHANGED, "The acceptance of " + tenant + " was replaced or"
                            + " removed while drift read it (drift --accept or tenants remove ran meanwhile): check it again.");
                }
                return Arrays.asList(r.getString(1).split(SEPARATOR, -1));
            }
        });
    }

    /** The tenant's acceptance, if any. */
    public Optional<DriftAcceptance> find(TenantId tenant) {
        return Optional.ofNullable(of(List.of(tenant)).get(tenant));
    }

    /**
     * Records {@code acceptance} as its tenant's, in place of any earlier one, one recorded by another process meanwhile
     * too (the console's and a CLI's accept of one shared schema).
     */
    public void record(DriftAcceptance acceptance) {
        plane.replacing("recording a drift acceptance", () -> plane.write("recording a drift acceptance", c -> {
            Jdbc.update(c, "DELETE FROM drift_acceptances WHERE tenant_id = ?", acceptance.tenant().value());
            return Jdbc.update(c, "INSERT INTO drift_acceptances (tenant_id, dialect, last_rank, position, history_digest,"
                    + " fingerprint, fingerprint_format, structure, structure_problem, accepted_by, accepted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", acceptance.tenant().value(), acceptance.dialect(),
                    acceptance.position().lastRank(), acceptance.position().label(), acceptance.position().digest(),
                    acceptance.fingerprint(), acceptance.fingerprintFormat(), acceptance.structure() == null ? null
                    : String.join(SEPARATOR, acceptance.structure()), truncate(plane.scrub(acceptance.structureProblem())),
                    acceptance.acceptedBy(), PlaneTime.of(acceptance.acceptedAt()));
        }));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
}
