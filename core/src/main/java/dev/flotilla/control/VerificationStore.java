package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.CheckTally;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The results of every verification of a tenant: on demand, after a dry run, after a deployment's migrate. */
public final class VerificationStore {
    private static final String FIELD = "\t";
    private static final String PROBLEM = "\u001f";
    private static final int TENANTS_A_QUERY = 500;

    /** One stored verification. @param deployment null unless it ran in a deployment */
    public record Verification(long id, TenantId tenant, String deployment, String kind, Instant at, boolean ok,
                               List<CheckResult> results) {
    }

    private final ControlPlane plane;

    VerificationStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** @param kind {@code verify}, {@code dry-run} or {@code deploy} */
    public void record(TenantId tenant, String deployment, String kind, List<CheckResult> results) {
        boolean ok = results.stream().allMatch(CheckResult::ok);
        StringBuilder text = new StringBuilder();
        for (CheckResult r : results) {
            text.append(clean(r.id())).append(FIELD).append(r.status().word()).append(FIELD).append(r.millis()).append(FIELD)
                    .append(clean(r.message())).append(FIELD)
                    .append(String.join(PROBLEM, r.problems().stream().map(VerificationStore::clean).toList())).append('\n');
        }
        plane.write("recording a verification", c -> Jdbc.update(c, "INSERT INTO verifications (tenant_id, deployment_id,"
                + " kind, checked_at, ok, results) VALUES (?, ?, ?, ?, ?, ?)", tenant.value(), deployment, kind,
                PlaneTime.now(), ok, text.toString()));
    }

    /** The newest verification of the tenant, if any. */
    public Optional<Verification> latest(TenantId tenant) {
        return plane.with("reading verifications", c -> {
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT id, deployment_id, kind, checked_at, ok, results"
                    + " FROM verifications WHERE tenant_id = ? ORDER BY id DESC", tenant.value());
                 ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Verification(r.getLong(1), tenant, r.getString(2), r.getString(3),
                        PlaneTime.read(r, 4), r.getBoolean(5), parse(r.getString(6))));
            }
        });
    }

    /**
     * How the checks each tenant's task ran after its migrations in {@code deployment} ended, counted as its deploy line
     * counted them (the newest run where a resume or a retry ran them again); tenants whose checks did not run (a failed
     * migration, checks skipped) are left out. Reads by the
     * deployment's tenants, so that the tenant index serves it, {@value #TENANTS_A_QUERY} tenants a query.
     */
    public Map<TenantId, CheckTally> checksAfterDeploy(String deployment, List<TenantId> tenants) {
        return plane.with("reading a deployment's checks", c -> {
            Map<TenantId, CheckTally> found = new LinkedHashMap<>();
            for (int from = 0; from < tenants.size(); from += TENANTS_A_QUERY) {
                List<String> ids = tenants.subList(from, Math.min(tenants.size(), from + TENANTS_A_QUERY)).stream()
                        .map(TenantId::value).toList();
                List<Object> parameters = new ArrayList<>(ids);
                parameters.add(deployment);
                try (PreparedStatement statement = Jdbc.prepare(c, "SELECT tenant_id, results FROM verifications WHERE"
                        + " tenant_id IN (" + Jdbc.marks(ids.size()) + ")"
                        + " AND deployment_id = ? AND kind = 'deploy' ORDER BY id DESC", parameters.toArray());
                     ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        TenantId tenant = TenantId.of(r.getString(1));
                        if (!found.containsKey(tenant)) {
                            found.put(tenant, CheckTally.of(parse(r.getString(2))));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** A check's result where a verify or a deployment examined it. @param deployment null for a verify's */
    public record Examined(CheckResult result, String deployment, Instant at) {
    }

    /**
     * The newest result of each of {@code checks} where a verify or a deployment examined it (did not skip it), looking
     * back over the tenant's newest {@code depth} of them; a check none of them examined is left out.
     */
    public Map<String, Examined> lastExamined(TenantId tenant, Set<String> checks, int depth) {
        return plane.with("reading verifications", c -> {
            Map<String, Examined> found = new LinkedHashMap<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT results, deployment_id, checked_at FROM verifications"
                    + " WHERE tenant_id = ? AND kind IN ('verify', 'deploy') ORDER BY id DESC", tenant.value())) {
                statement.setMaxRows(depth);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next() && found.size() < checks.size()) {
                        String deployment = r.getString(2);
                        Instant at = PlaneTime.read(r, 3);
                        // A check may report twice in one examination (in a shared schema, on the tables all tenants
                        // share and on the tenant's own rows): a failure of either is the check's.
                        Map<String, Examined> examination = new LinkedHashMap<>();
                        parse(r.getString(1)).stream().filter(result -> checks.contains(result.id())
                                && result.status() != CheckStatus.SKIPPED)
                                .forEach(result -> examination.merge(result.id(), new Examined(result, deployment, at),
                                        (first, next) -> first.result().status() != CheckStatus.FAILED
                                                && next.result().status() == CheckStatus.FAILED ? next : first));
                        examination.forEach(found::putIfAbsent);
                    }
                }
            }
            return found;
        });
    }

    private static List<CheckResult> parse(String text) {
        List<CheckResult> results = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(FIELD, -1);
            List<String> problems = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(PROBLEM));
            results.add(new CheckResult(f[0], CheckStatus.valueOf(f[1].toUpperCase()), f[3], problems, Long.parseLong(f[2])));
        }
        return results;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\n\\r\\u001f]+", " ");
    }
}
