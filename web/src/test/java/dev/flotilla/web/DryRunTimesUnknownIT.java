package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fleet dry run recorded before the control plane kept each tenant's time (V28) says its times are unknown: "-" and a
 * line saying why on its console page, null in GET /api/v1/dry-runs/{id}; one recorded since gives them.
 */
class DryRunTimesUnknownIT extends ConsoleOverHttp {
    @Test
    void a_run_recorded_before_times_were_kept_shows_them_unknown_and_one_since_shows_them() throws Exception {
        var store = demo.fleet.plane().dryRuns();
        List<TenantId> tenants = List.of(TenantId.of("default"), TenantId.of("bistro_lumiere"));
        // As V28 found a run recorded before it: each tenant's outcome, time_ms added null.
        store.started("before-v28", "ops", List.of("2"), Map.of(), tenants);
        store.finished("before-v28", 80, null, Map.of(tenants.get(0), new FleetDryRunRecord.Outcome("success", null),
                tenants.get(1), new FleetDryRunRecord.Outcome("warning", null)));
        store.started("since-v28", "ops", List.of("2"), Map.of(), tenants);
        store.finished("since-v28", 80, null, Map.of(tenants.get(0), new FleetDryRunRecord.Outcome("success", null, null, 31L, null),
                tenants.get(1), new FleetDryRunRecord.Outcome("error", "could not connect", "CONNECT_FAILED", null, null)));
        String session = adminSession();
        String token = demo.accounts.createToken("admin", "ci");

        String before = get("/dry-runs/before-v28", null, session).body();
        String since = get("/dry-runs/since-v28", null, session).body();
        JsonNode api = json(get("/api/v1/dry-runs/before-v28", token));

        assertThat(rowOf(before, "default")).contains("<td>-</td>");
        assertThat(rowOf(before, "bistro_lumiere")).contains("<td>-</td>");
        assertThat(before).contains("id=\"dry-run-times-unknown\">Each tenant's time is unknown (-): this dry run was"
                + " recorded before the control plane kept them (V28).");
        assertThat(api.path("tenants")).allSatisfy(t -> assertThat(t.path("timeMs").isNull()).as(t.toString()).isTrue());
        assertThat(rowOf(since, "default")).contains("<td>31 ms</td>");
        assertThat(rowOf(since, "bistro_lumiere")).as("could not be dry-run: no time").contains("<td>-</td>");
        assertThat(since).doesNotContain("dry-run-times-unknown");
    }

    private static String rowOf(String page, String tenant) {
        String row = page.substring(page.indexOf("<tr data-tenant=\"" + tenant + "\""));
        return row.substring(0, row.indexOf("</tr>"));
    }
}
