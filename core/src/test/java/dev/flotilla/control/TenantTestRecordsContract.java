package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a deploy requiring tests reads of its tenants ({@link TenantTestRecords}): the selected tenants' newest dry runs
 * and newest changes alone, asked in chunks of tenants, each read found by the tenant in an index (V2, V24).
 */
abstract class TenantTestRecordsContract {
    private static final int FLEET = 1_200;
    private static final Instant BASE = Instant.parse("2026-11-01T08:00:00Z");

    /** The plane's URL, its database or file not yet made. */
    abstract String url();

    /** The user the plane is opened as; null for the embedded one's own. */
    abstract String user();

    private ControlPlane open() {
        return ControlPlane.open(url(), user(), null);
    }

    private static String tenant(int i) {
        return String.format("t%04d", i);
    }

    @Test
    void a_read_of_more_tenants_than_one_statement_asks_returns_the_selected_tenants_records_and_no_others() {
        List<String> selected = IntStream.range(0, FLEET - 100).filter(i -> i % 3 != 0).mapToObj(TenantTestRecordsContract::tenant)
                .toList();
        assertThat(selected).as("more than one chunk of 500").hasSizeGreaterThan(700);
        List<TenantId> asked = new ArrayList<>(selected.stream().map(TenantId::of).toList());
        asked.add(TenantId.of("never_recorded"));
        try (ControlPlane plane = open()) {
            recordEveryTenant(plane);

            TenantTestRecords.Read read = TenantTestRecords.read(plane, asked);

            assertThat(read.dryRuns().keySet()).containsExactlyInAnyOrderElementsOf(selected.stream().map(TenantId::of).toList());
            assertThat(read.changes().keySet()).containsExactlyInAnyOrderElementsOf(selected.stream().map(TenantId::of).toList());
            Map<TenantId, Instant> expectedChanges = new HashMap<>();
            for (String id : selected) {
                int i = Integer.parseInt(id.substring(1));
                TenantTestRecords.NewestDryRun dryRun = read.dryRuns().get(TenantId.of(id));
                assertThat(dryRun.versions()).as(id + "'s newest dry run").containsExactly("1", "2");
                assertThat(dryRun.checksums()).isEqualTo("c-" + id);
                assertThat(dryRun.at()).isEqualTo(BASE.plusSeconds(86_400));
                // An even tenant was repaired a day after its task; an odd one's newest change is its task's end.
                expectedChanges.put(TenantId.of(id), i % 2 == 0 ? BASE.plusSeconds(2 * 86_400) : BASE.plusSeconds(i + 60));
            }
            assertThat(read.changes()).isEqualTo(expectedChanges);
        }
    }

    @Test
    void the_tenants_tasks_and_audit_entries_are_indexed_by_tenant_and_its_dry_runs_already_were() {
        try (ControlPlane plane = open()) {
            Map<String, List<String>> indexes = plane.with("reading the catalog", c -> Map.of(
                    "deployment_tasks", indexColumns(c, "deployment_tasks", "idx_deployment_tasks_tenant"),
                    "audit_log", indexColumns(c, "audit_log", "idx_audit_log_tenant"),
                    "dry_runs", indexColumns(c, "dry_runs", "idx_dry_runs_tenant")));

            assertThat(indexes).containsEntry("deployment_tasks", List.of("tenant_id", "started_at", "finished_at"))
                    .containsEntry("audit_log", List.of("tenant_id", "action", "happened_at"))
                    .containsEntry("dry_runs", List.of("tenant_id", "id"));
        }
    }

    /** The columns of {@code index} on {@code table}, in order, as the driver's catalog tells them; none when missing. */
    private static List<String> indexColumns(Connection c, String table, String index) throws java.sql.SQLException {
        DatabaseMetaData catalog = c.getMetaData();
        boolean upper = catalog.storesUpperCaseIdentifiers();
        java.util.SortedMap<Short, String> columns = new java.util.TreeMap<>();
        try (ResultSet r = catalog.getIndexInfo(null, c.getSchema(), upper ? table.toUpperCase() : table, false, false)) {
            while (r.next()) {
                if (index.equalsIgnoreCase(r.getString("INDEX_NAME"))) {
                    columns.put(r.getShort("ORDINAL_POSITION"), r.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        return List.copyOf(columns.values());
    }

    /**
     * Each tenant of the fleet: an older and a newer dry run, a task that ran (started {@code i} seconds after the base,
     * ended a minute later), and for an even one a repair after both; a restore of nobody and a non-changing entry too.
     */
    private static void recordEveryTenant(ControlPlane plane) {
        String deployment = plane.deployments().create("test", "concurrency=1", IntStream.range(0, FLEET)
                .mapToObj(i -> new DeploymentStore.NewTask(TenantId.of(tenant(i)), 1)).toList());
        plane.write("recording every tenant", c -> {
            try (PreparedStatement dryRun = c.prepareStatement("INSERT INTO dry_runs (tenant_id, ran_at, versions, checksums,"
                    + " status) VALUES (?, ?, ?, ?, 'success')");
                 PreparedStatement task = c.prepareStatement("UPDATE deployment_tasks SET status = 'succeeded',"
                         + " started_at = ?, finished_at = ? WHERE deployment_id = ? AND tenant_id = ?");
                 PreparedStatement entry = c.prepareStatement("INSERT INTO audit_log (happened_at, actor, action, tenant_id)"
                         + " VALUES (?, 'ops', ?, ?)")) {
                for (int i = 0; i < FLEET; i++) {
                    String id = tenant(i);
                    addDryRun(dryRun, id, BASE.minusSeconds(3_600), "1", "c-old");
                    addDryRun(dryRun, id, BASE.plusSeconds(86_400), "1,2", "c-" + id);
                    task.setObject(1, PlaneTime.of(BASE.plusSeconds(i)));
                    task.setObject(2, PlaneTime.of(BASE.plusSeconds(i + 60)));
                    task.setString(3, deployment);
                    task.setString(4, id);
                    task.addBatch();
                    addEntry(entry, i % 2 == 0 ? "repair" : "drift.check", id, BASE.plusSeconds(2 * 86_400));
                }
                addEntry(entry, "restore", null, BASE.plusSeconds(3 * 86_400));
                dryRun.executeBatch();
                task.executeBatch();
                entry.executeBatch();
            }
            return null;
        });
    }

    private static void addDryRun(PreparedStatement dryRun, String tenant, Instant at, String versions, String checksums)
            throws java.sql.SQLException {
        dryRun.setString(1, tenant);
        dryRun.setObject(2, PlaneTime.of(at));
        dryRun.setString(3, versions);
        dryRun.setString(4, checksums);
        dryRun.addBatch();
    }

    private static void addEntry(PreparedStatement entry, String action, String tenant, Instant at) throws java.sql.SQLException {
        entry.setObject(1, PlaneTime.of(at));
        entry.setString(2, action);
        entry.setString(3, tenant);
        entry.addBatch();
    }
}
