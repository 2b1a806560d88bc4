package dev.flotilla.control;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet dry run of the console, the API or the command line as the control plane keeps it: what it tested (the
 * versions chosen, each
 * file's checksum, the tenants) and, once finished, how each tenant's test ended. A deploy naming the dry run is gated
 * on this record ("the test"), so the gate holds after the console restarts too.
 *
 * @param files    each file's checksum by its name, as {@link #checksums} gives them
 * @param tenants  every tenant tested, by id, with its outcome
 * @param finished null while running, and for a run its console stopped before it finished
 * @param error    why the run as a whole could not run, or null
 * @param outOfOrder whether it ran pending migrations older than a tenant's newest applied one too (--out-of-order); null
 *     for a run recorded before this was kept
 * @param fromCommandLine whether {@code flotilla dry-run} ran it (then {@code user} is the user it ran as, and its versions
 *     are the one its files went up to: {@code --to}'s, or the newest file's); false for the console's and the API's
 */
public record FleetDryRunRecord(String id, String user, Instant started, List<String> versions, Map<String, String> files,
                                Map<TenantId, Outcome> tenants, Instant finished, Long millis, String error, Boolean outOfOrder,
                                boolean fromCommandLine) {
    /**
     * How one tenant's test ended: {@code success}, {@code warning} or {@code error}, null until the run finished; its
     * first error, and that error's code ({@link dev.flotilla.ErrorCode#name}), null where none, and for a tenant recorded
     * before the plane kept codes (V23); its time in ms and why it is a warning ({@code warning}, masked), null where
     * unknown (it could not be dry-run at all, or was recorded before V28) or none.
     */
    public record Outcome(String status, String error, String code, Long millis, String warning) {
        static final Outcome NOT_YET = new Outcome(null, null, null);

        /** An outcome without a code: one recorded before the plane kept codes. */
        public Outcome(String status, String error) {
            this(status, error, null);
        }

        /** An outcome without a time or a warning's reason: one recorded before the plane kept them (V28). */
        public Outcome(String status, String error, String code) {
            this(status, error, code, null, null);
        }

        /**
         * Whether nothing was tried on the tenant: its scratch copy could not be made (CLONE_FAILED), so it is untested
         * rather than known to fail.
         */
        public boolean untested() {
            return DryRunErrors.untested(status, error, code);
        }
    }

    public FleetDryRunRecord {
        versions = List.copyOf(versions);
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        tenants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
    }

    public boolean done() {
        return finished != null;
    }

    /**
     * Whether it was ended as interrupted: its process was gone (killed) before it recorded its end, and the next console,
     * {@code flotilla dry-run}, {@code deploy} or {@code dry-runs} ended it ({@link DryRunStore#endInterrupted}). Its
     * tenants count as not tested by it, as a failed run's do ({@link #failedTenants}).
     */
    public boolean interrupted() {
        return summary().interrupted();
    }

    /** See {@link FleetDryRunSummary#status}. */
    public String status() {
        return summary().status();
    }

    /** Where it was started: {@code cli} ({@code flotilla dry-run}) or {@code console} (the console and its API). */
    public String startedFrom() {
        return summary().startedFrom();
    }

    /** The run as {@code flotilla dry-runs --json} and {@code GET /api/v1/dry-runs} list it ({@link FleetDryRunSummary#asMap}). */
    public Map<String, Object> asMap(String status) {
        return summary().asMap(status);
    }

    /** How many tenants' tests passed ({@code success} or {@code warning}); none when the run itself could not run. */
    public long passed() {
        return summary().passed();
    }

    /** How many tenants' tests ended in an error. */
    public long failed() {
        return summary().failed();
    }

    /** The run as a list of runs shows it: its tenants counted. */
    public FleetDryRunSummary summary() {
        long passing = tenants.values().stream().filter(o -> "success".equals(o.status()) || "warning".equals(o.status())).count();
        long errors = tenants.values().stream().filter(o -> "error".equals(o.status())).count();
        return new FleetDryRunSummary(id, user, started, versions, finished, millis, error, outOfOrder, fromCommandLine,
                tenants.size(), passing, errors);
    }

    /**
     * Whether each tenant's time was kept: false for a run recorded before the plane kept them (V28), told by a tenant
     * whose test passed with no time (after V28, only a tenant that could not be dry-run at all has none). Its times
     * are unknown, said as such ("-", null), not as no time.
     */
    public boolean timesKept() {
        return tenants.values().stream().noneMatch(o -> o.millis() == null
                && ("success".equals(o.status()) || "warning".equals(o.status())));
    }

    /** Whether this run tested the tenant (it was among the chosen ones). */
    public boolean tested(TenantId tenant) {
        return tenants.containsKey(tenant);
    }

    /**
     * Why a deploy of these versions, files and tenants would not be the one this run tested, or null when it would be:
     * the wizard deploys only what was tested.
     */
    public String differsFrom(List<String> versions, LoadedMigrations files, Set<TenantId> tenants) {
        if (!this.versions.equals(versions) || !this.tenants.keySet().equals(tenants)) {
            return "The files or tenants chosen changed since the test.";
        }
        return filesDifferFrom(files);
    }

    /** Why these files are not the ones this run tested (edited, added or removed since), or null when they are. */
    public String filesDifferFrom(LoadedMigrations migrations) {
        Map<String, String> now = checksums(migrations);
        List<String> changed = new ArrayList<>();
        now.forEach((script, checksum) -> {
            if (!checksum.equals(files.get(script))) {
                changed.add(script);
            }
        });
        files.keySet().stream().filter(script -> !now.containsKey(script)).forEach(changed::add);
        return changed.isEmpty() ? null : "Migration files changed since the test: " + String.join(", ", changed.stream()
                .sorted().toList()) + ".";
    }

    /**
     * Why a deploy that would apply {@code deployed} (every file up to its newest chosen version, and the repeatables) is
     * not the one this run tested, or null when the run tested exactly those files: a file it did not run (one past the
     * version it stopped at, or added since), one it ran that the deploy would not apply (a deploy stopping lower), and
     * one edited since, each named. The versions a deploy chooses below its newest change nothing it applies, so they are
     * not compared: a command-line dry run records only the version it went up to.
     */
    public String notExactly(LoadedMigrations deployed) {
        Map<String, String> now = checksums(deployed);
        List<String> untested = now.keySet().stream().filter(script -> !files.containsKey(script)).sorted().toList();
        List<String> notApplied = files.keySet().stream().filter(script -> !now.containsKey(script)).sorted().toList();
        List<String> edited = now.keySet().stream().filter(script -> files.containsKey(script)
                && !now.get(script).equals(files.get(script))).sorted().toList();
        List<String> why = new ArrayList<>();
        if (!untested.isEmpty()) {
            why.add("Dry run " + id + " did not test " + String.join(", ", untested) + ", which this deploy would apply"
                    + upTo() + ".");
        }
        if (!notApplied.isEmpty()) {
            why.add("Dry run " + id + " tested " + String.join(", ", notApplied) + " too, which this deploy would not apply: it"
                    + " is not the deploy that was tested.");
        }
        if (!edited.isEmpty()) {
            why.add("Migration files changed since the test: " + String.join(", ", edited) + ".");
        }
        return why.isEmpty() ? null : String.join(" ", why) + " Deploy exactly the files it tested"
                + newestVersion().map(v -> " (\"versions\" up to " + v + ")").orElse("") + ", or dry-run the files this"
                + " deploy applies and name that dry run.";
    }

    /** " (it tested the files up to version 5)", or nothing when it recorded no version. */
    private String upTo() {
        return newestVersion().map(v -> " (it tested the files up to version " + v + ")").orElse("");
    }

    /** The newest version it was asked to test, the one it went up to; empty when it recorded none. */
    private java.util.Optional<MigrationVersion> newestVersion() {
        return versions.stream().flatMap(v -> {
            try {
                return java.util.stream.Stream.of(MigrationVersion.parse(v));
            } catch (RuntimeException notAVersion) {
                return java.util.stream.Stream.empty();
            }
        }).max(MigrationVersion::compareTo);
    }

    /**
     * The tenants whose test failed, with why, by id: those whose dry run ended in error, or every tenant when the run
     * itself could not run. Empty while running.
     */
    public Map<TenantId, String> failedTenants() {
        Map<TenantId, String> failed = new LinkedHashMap<>();
        tenants.forEach((tenant, outcome) -> {
            if (error != null) {
                failed.put(tenant, "the test could not run: " + error);
            } else if ("error".equals(outcome.status())) {
                failed.put(tenant, outcome.error() == null ? "failed" : outcome.error());
            }
        });
        return failed;
    }

    /**
     * Of {@link #failedTenants}, those whose scratch copy to dry-run on could not be made (CLONE_FAILED: a grant, pg_dump,
     * disk space), with why: no migration was tried there, so they are untested rather than known to fail.
     */
    public Map<TenantId, String> untestedTenants() {
        Map<TenantId, String> untested = new LinkedHashMap<>(failedTenants());
        untested.keySet().removeIf(tenant -> error != null || !tenants.get(tenant).untested());
        return untested;
    }

    /** Each file's checksum by its name (a down file's after a {@code +}): what a test ran, to compare with what a deploy would run. */
    public static Map<String, String> checksums(LoadedMigrations migrations) {
        Map<String, String> checksums = new LinkedHashMap<>();
        migrations.migrations().forEach(m -> checksums.put(m.script(), m.checksum()
                + m.downScript().map(d -> "+" + d.checksum()).orElse("")));
        return checksums;
    }
}
