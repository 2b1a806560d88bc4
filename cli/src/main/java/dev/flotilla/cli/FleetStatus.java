package dev.flotilla.cli;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.VersionSpellings;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code status --fleet}: per tenant, version, pending count, state and last deployment as the control plane
 * knows them, or with {@code live} re-read from every target first: one query, the columns aligned from the
 * rows themselves and printed a block at a time (ten thousand tenants hold a few megabytes).
 */
final class FleetStatus {
    private static final String[] HEADER = {"Tenant", "Status", "Version", "Pending", "Last deployment", "Checked", "Error"};

    private static final int ERROR_WIDTH = 160;
    /** The start of a long error kept before its last sentence, at the least. */
    private static final int HEAD_WIDTH = 80;
    /** A last sentence longer than this is cut as the rest is. */
    private static final int REMEDY_WIDTH = 280;
    /** A first sentence (what failed where, and the database's words) up to this long is kept whole. */
    private static final int FIRST_SENTENCE_WIDTH = 200;

    private final FleetContext context;
    private final Output output;

    FleetStatus(FleetContext context, Output output) {
        this.context = context;
        this.output = output;
    }

    /** @param failOn which tenants fail the command for CI, or null: none but those a live read cannot read or finds blocked */
    int show(SelectionOptions selection, boolean live, FailOn failOn) {
        // Without --live the command only reads what the control plane knows.
        ControlPlane plane = live ? context.plane() : context.planeToRead();
        List<TenantRecord> read = plane.tenants().all();
        List<Tenant> selected = selection.given() ? selection.select(read.stream().map(TenantRecord::tenant).toList()) : null;
        // Read live, a tenant that cannot be read (or is blocked) fails the command, as plan does; as last seen, nothing does.
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, List<String>> pendingVersions = new HashMap<>();
        LoadedMigrations files = live ? context.loadMigrations() : null;
        if (live) {
            List<Tenant> planned = selected != null ? selected : read.stream().map(TenantRecord::tenant).toList();
            List<TenantPlan> plans = dev.flotilla.run.PlanRecords.withVanishedTargets(read,
                    context.planner(files).plan(context.targets(planned)));
            PlanCommand.record(plane, plans, read);
            errors.addAll(PlanCommand.errors(plans));
            plans.stream().filter(p -> p.state() != TenantPlan.State.UNREACHABLE)
                    .forEach(p -> pendingVersions.put(p.tenant().value(), p.pending()));
        }
        Set<TenantId> ids = selected == null ? null : selected.stream().map(Tenant::id).collect(Collectors.toSet());
        // Read live, the states the plans recorded are read again.
        List<TenantRecord> records = (live ? plane.tenants().all() : read).stream()
                .filter(r -> ids == null || ids.contains(r.tenant().id())).toList();
        Map<Long, String> checked = new HashMap<>();
        // Without --live the files are not read: their names say how they write versions (their problems are plan's
        // and deploy's to report: this command only shows what the control plane knows).
        VersionSpellings spellings = live ? files.spellings() : VersionSpellings.listed(context.migrationFolders());
        Table.print(output, HEADER, records.stream().map(r -> row(r, checked, spellings)).toList());
        Map<String, Long> counts = records.stream().collect(Collectors.groupingBy(TenantRecord::status, Collectors.counting()));
        output.line(summary(records.size(), counts, live));
        if (failOn != null) {
            Set<String> reported = errors.stream().map(e -> String.valueOf(e.get("tenant"))).collect(Collectors.toSet());
            errors.addAll(failOn.errors(records, r -> r.tenant().id().value(), TenantRecord::status, FleetStatus::why, reported));
        }
        if (!output.json()) {
            return output.finish("status", Map.of(), errors);
        }
        Tenancy tenancy = context.tenancyForDisplay();
        Map<String, Object> data = new LinkedHashMap<>(); // README's order in every run, which Map.of's is not
        data.put("tenants", records.stream().map(r -> json(r, tenancy, pendingVersions)).toList());
        data.put("live", live);
        return output.finish("status", data, errors);
    }

    /**
     * A tenant as {@code tenants list} shows it, with its {@code pendingVersions} as {@code plan} names them: known only
     * read live (the control plane keeps the count), null otherwise.
     */
    private static Map<String, Object> json(TenantRecord record, Tenancy tenancy, Map<String, List<String>> pendingVersions) {
        Map<String, Object> entry = TenantsListCommand.json(record, tenancy);
        entry.put("pendingVersions", pendingVersions.get(record.tenant().id().value()));
        return entry;
    }

    /** What a --fail-on error says of a tenant after its state: how many migrations are pending, its last error. */
    private static String why(TenantRecord r) {
        String pending = r.pendingCount() == null ? "" : ", " + r.pendingCount() + " migration(s) pending";
        return pending + (r.lastError() == null ? "" : ": " + r.lastError().lines().findFirst().orElse(""));
    }

    /**
     * @param checked the "Checked" cells made so far, by second: a plan or a deploy records its tenants within seconds
     * @param spellings how a version is shown
     */
    private static String[] row(TenantRecord r, Map<Long, String> checked, VersionSpellings spellings) {
        return new String[] {r.tenant().id().value(), r.status(), r.currentVersion() == null ? "-"
                : spellings.label(r.currentVersion()),
                r.pendingCount() == null ? "unknown" : String.valueOf(r.pendingCount()),
                r.lastDeployment() == null ? "" : r.lastDeployment(), r.checkedAt() == null ? "never"
                        : checked.computeIfAbsent(r.checkedAt().getEpochSecond(), second -> LocalTimes.format(r.checkedAt())),
                r.lastError() == null ? "" : shortened(r.lastError().lines().findFirst().orElse(""))};
    }

    /**
     * A table cell of an error (the JSON and `deployments show` have it whole): its first sentence, which says what
     * failed where and the database's own words (or its start, when that sentence is long), and its last sentence,
     * which says what to do (whose login to fix, for a refused one), the middle cut; the first alone when the last is
     * long itself. Notices that follow a long error ({@code Notice: ...}) are cut with the middle: their last sentence
     * is not the error's remedy.
     */
    static String shortened(String error) {
        if (error.length() <= ERROR_WIDTH) {
            return error;
        }
        int notices = error.indexOf(" Notice: ");
        String own = notices > 0 ? error.substring(0, notices) : error;
        int first = firstSentenceEnd(own);
        String remedy = lastSentence(own);
        if (remedy == null || remedy.length() > REMEDY_WIDTH) {
            return first > 0 ? own.substring(0, first) + " ..." : own.substring(0, ERROR_WIDTH - 3) + "...";
        }
        int head = Math.max(Math.max(HEAD_WIDTH, first), ERROR_WIDTH - remedy.length() - 5);
        return own.length() - remedy.length() <= head + 5 ? own : own.substring(0, head) + " ... " + remedy;
    }

    /** Where the first sentence of {@code text} ends (after its '.'), when it is no longer than FIRST_SENTENCE_WIDTH; else 0. */
    private static int firstSentenceEnd(String text) {
        for (int at = text.indexOf(". "); at > 0 && at < FIRST_SENTENCE_WIDTH; at = text.indexOf(". ", at + 1)) {
            if (at + 2 < text.length() && Character.isUpperCase(text.charAt(at + 2))) {
                return at + 1;
            }
        }
        return 0;
    }

    /** The last sentence of {@code text}: what follows its last ". " before a capital letter; null when it has one only. */
    private static String lastSentence(String text) {
        for (int at = text.lastIndexOf(". "); at > 0; at = text.lastIndexOf(". ", at - 1)) {
            if (at + 2 < text.length() && Character.isUpperCase(text.charAt(at + 2))) {
                return text.substring(at + 2);
            }
        }
        return null;
    }

    private static String summary(long tenants, Map<String, Long> counts, boolean live) {
        return tenants + " tenant(s): " + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + (live ? " (read live from every target)" : " (as last seen; --live re-reads every target)");
    }
}
