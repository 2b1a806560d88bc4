package dev.flotilla.run;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.migration.VersionSpellings;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options a deployment was started with, as its record in the control plane keeps them: a resume or a retry of
 * its failed tenants runs as it was started (at concurrency 1 if it was, stopping or going on after a failure as it
 * did, without the tenant hooks if it was started with {@code --no-maintenance}), unless an option is given again
 * explicitly; and no further than the newest migration it was started with. Backups and checks are the safe side: a
 * resume takes them as configured unless {@code --skip-backup} or {@code --skip-checks} is given again, and says so
 * when the deployment ran without them. A rollback records only its tenant hooks and backups. Waves
 * need nothing here: each task keeps its own.
 *
 * @param concurrency null when the record does not say (written by an older Flotilla)
 * @param perServer null when the record does not say
 * @param continueOnError null when the record does not say (a rollback's, or an older Flotilla's)
 * @param outOfOrder whether it was started with --out-of-order: pending migrations older than a tenant's newest run too
 * @param maintenanceOff whether it was started with --no-maintenance: the beforeTenant and afterTenant hooks do not run
 * @param backupOff whether it ran without backups (deploy.backup off, or --skip-backup)
 * @param checksOff whether it ran without the checks (--skip-checks)
 */
public record RecordedOptions(Integer concurrency, Integer perServer, Boolean continueOnError, boolean outOfOrder,
                              boolean maintenanceOff, boolean backupOff, boolean checksOff) {
    /** Options recorded with the tenant hooks, backups and checks on. */
    public RecordedOptions(Integer concurrency, Integer perServer, Boolean continueOnError, boolean outOfOrder) {
        this(concurrency, perServer, continueOnError, outOfOrder, false, false, false);
    }

    /** An option given again for a resume, which then wins over the recorded one. */
    public enum Override {
        CONCURRENCY, PER_SERVER, CONTINUE_ON_ERROR, OUT_OF_ORDER
    }

    /**
     * Reads a deployment's recorded options ({@code concurrency=1 perServer=4 continueOnError outOfOrder backup=off
     * maintenance=off upTo=3});
     * a word it does not know is passed over.
     */
    public static RecordedOptions parse(String recorded) {
        List<String> words = recorded == null ? List.of() : Arrays.asList(recorded.split(" "));
        Integer concurrency = number(words, "concurrency=");
        // Every deployment's record names its concurrency; where it does not, neither does it say how failures went.
        return new RecordedOptions(concurrency, number(words, "perServer="),
                concurrency == null ? null : words.contains("continueOnError"), words.contains(OUT_OF_ORDER_WORD),
                words.contains(MAINTENANCE_OFF_WORD), words.contains(BACKUP_OFF_WORD), words.contains(CHECKS_OFF_WORD));
    }

    /** How a deployment started with {@code --out-of-order} says so in its options. */
    static final String OUT_OF_ORDER_WORD = "outOfOrder";

    /** How a deployment started with --skip-checks says so in its options. */
    private static final String CHECKS_OFF_WORD = "skipChecks";

    /** How a deployment started without backups (deploy.backup off, or --skip-backup) says so in its options. */
    private static final String BACKUP_OFF_WORD = "backup=off";

    /**
     * Whether a deployment's recorded options say it started without backups; false when they do not say (it took them,
     * or an older Flotilla recorded it, which did not write the word).
     */
    public static boolean backupsOff(String recorded) {
        return recorded != null && Arrays.asList(recorded.split(" ")).contains(BACKUP_OFF_WORD);
    }

    /** How a deployment started requiring tested tenants (--require-tested, deploy.requireTested) says so in its options. */
    static final String REQUIRE_TESTED_WORD = "requireTested";

    /**
     * Whether a deployment's recorded options say it required tested tenants: its resume and retry then do too, whether
     * or not the flag is given again (false for one recorded before Flotilla wrote the word).
     */
    public static boolean testsRequired(String recorded) {
        return recorded != null && Arrays.asList(recorded.split(" ")).contains(REQUIRE_TESTED_WORD);
    }

    /** How a deployment started with --no-maintenance (its tenant hooks off) says so in its options. */
    static final String MAINTENANCE_OFF_WORD = "maintenance=off";

    /** How a deployment's options name the newest migration it takes its tenants to. */
    private static final String CEILING = "upTo=";

    /**
     * The options a new deployment is recorded with, as {@link #parse} reads them back: those of the fleet, the
     * policy's out-of-order, and its ceiling: {@code ceiling}, or the newest versioned file when it has none.
     */
    static String written(FleetOptions options, dev.flotilla.plan.ValidationPolicy policy, MigrationVersion ceiling,
                          LoadedMigrations migrations) {
        return "concurrency=" + options.concurrency() + " perServer=" + options.perServer()
                + (options.canary().isEmpty() ? "" : " canary=" + options.canary())
                + (options.canaryPercent() > 0 ? " canaryPercent=" + options.canaryPercent() : "")
                + (options.continueOnError() ? " continueOnError" : "")
                + (policy.allowOutOfOrder() ? " " + OUT_OF_ORDER_WORD : "")
                + (options.verify() == null ? " " + CHECKS_OFF_WORD : "")
                + (options.backup() == null ? " " + BACKUP_OFF_WORD : "")
                + (options.hooks().maintenanceOff() ? " " + MAINTENANCE_OFF_WORD : "")
                + Optional.ofNullable(ceiling).or(() -> newest(migrations)).map(v -> " " + CEILING + v).orElse("");
    }

    /**
     * The options a new rollback is recorded with after its description ({@code rollback of d-1}): whether it runs
     * without backups and without the tenant hooks, which its resume reads back. Its concurrency and failure policy are
     * not recorded: a resume of a rollback takes them as given.
     */
    public static String writtenForRollback(String description, FleetOptions options) {
        return description + (options.backup() == null ? " " + BACKUP_OFF_WORD : "")
                + (options.hooks().maintenanceOff() ? " " + MAINTENANCE_OFF_WORD : "");
    }

    /**
     * A deployment's recorded options as people are shown them: as recorded, but for the version it takes its tenants
     * to ({@code upTo=2025_11_01_000000}), as its file writes it.
     */
    public static String shown(String recorded, VersionSpellings spellings) {
        return recorded == null ? null : String.join(" ", Arrays.stream(recorded.split(" ", -1))
                .map(o -> o.startsWith(CEILING) ? CEILING + spellings.label(o.substring(CEILING.length())) : o).toList());
    }

    private static Optional<MigrationVersion> newest(LoadedMigrations loaded) {
        return loaded.versioned().stream().map(Migration::version).max(Comparator.naturalOrder());
    }

    /**
     * The migrations a deployment takes its tenants to: for a retry or resume, no further than the newest it was
     * started with (a file added since, or one left out when it was started up to a version, waits for a deployment
     * of its own). Repeatables come along, as they did.
     */
    static LoadedMigrations upToCeiling(DeploymentRecord record, LoadedMigrations migrations) {
        Optional<MigrationVersion> ceiling = record.rollback() || record.options() == null ? Optional.empty()
                : Arrays.stream(record.options().split(" ")).filter(o -> o.startsWith(CEILING))
                        .map(o -> MigrationVersion.parse(o.substring(CEILING.length()))).findFirst();
        if (ceiling.isEmpty()) {
            return migrations;
        }
        return migrations.keeping(migrations.migrations().stream()
                .filter(m -> m.version() == null || m.version().compareTo(ceiling.get()) <= 0).toList());
    }

    /**
     * {@code given} letting out-of-order migrations through when the deployment was started so: a resume or retry
     * applies what the deployment set out to apply (given again, --out-of-order allows them whatever was recorded).
     */
    public dev.flotilla.plan.ValidationPolicy policy(dev.flotilla.plan.ValidationPolicy given) {
        return given.withOutOfOrder(outOfOrder);
    }

    private static Integer number(List<String> words, String key) {
        return words.stream().filter(w -> w.startsWith(key)).findFirst().map(w -> {
            try {
                return Integer.valueOf(w.substring(key.length()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * {@code given} with the recorded values, except those {@code explicit} names; without the tenant hooks when the
     * deployment was started so or {@code given} has them off (no flag turns them back on for a deployment started
     * without them).
     */
    public FleetOptions over(FleetOptions given, Set<Override> explicit) {
        int useConcurrency = concurrency == null || explicit.contains(Override.CONCURRENCY) ? given.concurrency() : concurrency;
        int usePerServer = perServer == null || explicit.contains(Override.PER_SERVER) ? given.perServer() : perServer;
        boolean useContinue = continueOnError == null || explicit.contains(Override.CONTINUE_ON_ERROR) ? given.continueOnError()
                : continueOnError;
        Hooks hooks = maintenanceOff ? given.hooks().withoutMaintenance() : given.hooks();
        return new FleetOptions(useConcurrency, usePerServer, given.canary(), given.canaryPercent(), useContinue,
                given.retries(), given.retryBackoff(), hooks, given.actor(), given.verify(), given.backup());
    }

    /**
     * What a resume runs with, for its output: "concurrency 1, per server 4, stopping after a failure (as recorded)",
     * and ", applying out-of-order migrations (as recorded)" when it does, ", without the beforeTenant/afterTenant hooks
     * (--no-maintenance, as recorded)" when it runs without them, and what it does of the backups and checks the
     * deployment ran without ({@link #backupsAndHooks}, {@link #checks}).
     */
    public String describe(FleetOptions effective, Set<Override> explicit) {
        return "concurrency " + effective.concurrency() + source(explicit, Override.CONCURRENCY) + ", per server "
                + effective.perServer() + source(explicit, Override.PER_SERVER) + ", "
                + (effective.continueOnError() ? "continuing after a failure" : "stopping after a failure")
                + source(explicit, Override.CONTINUE_ON_ERROR)
                + (outOfOrder ? ", applying out-of-order migrations (as recorded)"
                        : explicit.contains(Override.OUT_OF_ORDER) ? ", applying out-of-order migrations (given now)" : "")
                + checks(effective) + backupsAndHooks(effective);
    }

    /**
     * What a rollback's resume says on the line after its first, of the backups and tenant hooks it runs with
     * ("  taking backups, though it was started without them (...)"); null when there is nothing to say.
     */
    public String describeRollback(FleetOptions effective) {
        String said = backupsAndHooks(effective);
        return said.isEmpty() ? null : "  " + said.substring(", ".length());
    }

    /**
     * ", taking backups, though it was started without them (...)" when the resume does (a skip given now goes without
     * saying: whoever gave it knows, and the audit log has it), then the tenant hooks when they are off.
     */
    private String backupsAndHooks(FleetOptions effective) {
        String backups = effective.backup() != null && backupOff
                ? ", taking backups, though it was started without them (--skip-backup again skips them)" : "";
        return backups + (maintenanceOff ? ", without the beforeTenant/afterTenant hooks (--no-maintenance, as recorded)"
                : effective.hooks().maintenanceOff()
                ? ", without the beforeTenant/afterTenant hooks (--no-maintenance, given now)" : "");
    }

    /** ", running the checks, though it was started without them (...)" when a deploy's resume does. */
    private String checks(FleetOptions effective) {
        return effective.verify() != null && checksOff
                ? ", running the checks, though it was started without them (--skip-checks again skips them)" : "";
    }

    private static String source(Set<Override> explicit, Override option) {
        return explicit.contains(option) ? " (given now, not as recorded)" : " (as recorded)";
    }
}
