package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantCensus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Baselined;
import dev.flotilla.plan.TenantPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which migration files {@code flotilla lint} reports on, and where each versioned one already ran: every file; those
 * above a version ({@code --since}); or those pending on at least one tenant read ({@code --pending}). The folder is
 * still linted whole, so that a file's findings know the tables earlier files made; only the findings of the files
 * left out are dropped. A finding in a versioned file that already ran somewhere is told to leave the file alone:
 * editing it, or adding a lint-disable line to it, changes its checksum, which Flotilla then reports as edited
 * (CHECKSUM_MISMATCH). A repeatable is meant to be edited (it runs again when it changes), so its advice stays.
 * Immutable.
 */
public final class LintScope {
    /** Which files are reported on. */
    public enum Mode {
        ALL, SINCE, PENDING;

        public String word() {
            return name().toLowerCase();
        }
    }

    /** A file left out, and why. {@code version} is null for a repeatable. */
    public record Skipped(String script, String version, String reason) {
    }

    /**
     * Where one versioned file already ran: on {@code count} of {@code of} tenants, {@code tenants} naming them (empty
     * when they were only counted, as the control plane last learned), and the tenants read that still have it pending;
     * {@code baselineUnknown} more tenants are at or past its version, but whether it ran there or was baselined is not
     * known (the plane has not learned their baseline yet).
     */
    public record Ran(int count, int of, List<String> tenants, List<String> pendingOn, int baselineUnknown) {
        public Ran {
            tenants = List.copyOf(tenants);
            pendingOn = List.copyOf(pendingOn);
        }

        public Ran(int count, int of, List<String> tenants, List<String> pendingOn) {
            this(count, of, tenants, pendingOn, 0);
        }
    }

    private static final int NAMED = 5;

    private final Mode mode;
    private final List<Skipped> skipped;
    private final Map<String, Ran> ran;
    /** The version to give --since: every versioned file up to it ran everywhere; null when none did. */
    private final String allRanUpTo;
    /** The one target read (--pending --url), said by name where a fleet's tenants are counted; else null. */
    private final String oneTarget;

    private LintScope(Mode mode, List<Skipped> skipped, Map<String, Ran> ran, String allRanUpTo, String oneTarget) {
        this.mode = mode;
        this.skipped = List.copyOf(skipped);
        this.ran = Map.copyOf(ran);
        this.allRanUpTo = allRanUpTo;
        this.oneTarget = oneTarget;
    }

    /** Every file, knowing nothing of where any ran. */
    public static LintScope all() {
        return new LintScope(Mode.ALL, List.of(), Map.of(), null, null);
    }

    /**
     * The versioned files above {@code since} and every repeatable (one runs again whenever it is edited, so what it
     * says now may not have run yet). {@code said} names where the version was given: "--since 41", "lint.since 41".
     */
    public static LintScope since(LoadedMigrations loaded, MigrationVersion since, String said) {
        List<Skipped> skipped = loaded.versioned().stream().filter(m -> m.version().compareTo(since) <= 0)
                .map(m -> new Skipped(m.script(), m.version().toString(), "at or below " + said)).toList();
        return new LintScope(Mode.SINCE, skipped, Map.of(), null, null);
    }

    /**
     * The files pending on at least one of the plans read (each under the name to say it by: a tenant's id); a
     * repeatable is pending where it is new or changed since it last ran. A version recorded as baselined there did not
     * run there: it was never compared, so editing its file changes nothing there. Give only the plans of tenants that
     * were read ({@link #unread}).
     */
    public static LintScope pending(LoadedMigrations loaded, Map<String, TenantPlan> read) {
        return pending(loaded, read, null);
    }

    /** The files pending on the one target of {@code --url}, said by its {@code name}, as {@link #pending} does. */
    public static LintScope pendingOnTarget(LoadedMigrations loaded, String name, TenantPlan plan) {
        return pending(loaded, Map.of(name, plan), name);
    }

    private static LintScope pending(LoadedMigrations loaded, Map<String, TenantPlan> read, String oneTarget) {
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Ran> ran = new LinkedHashMap<>();
        for (Migration file : inRunOrder(loaded)) {
            String key = file.version() == null ? file.script() : file.version().toString();
            List<String> pendingOn = new ArrayList<>();
            List<String> ranOn = new ArrayList<>();
            read.forEach((name, plan) -> {
                if (plan.pending().contains(key)) {
                    pendingOn.add(name);
                } else if (file.version() != null && appliedAt(plan.currentVersion(), file.version())
                        && !plan.baselined().contains(key)) {
                    ranOn.add(name);
                }
            });
            if (!ranOn.isEmpty()) {
                ran.put(file.script(), new Ran(ranOn.size(), read.size(), ranOn, pendingOn));
            }
            if (pendingOn.isEmpty()) {
                boolean ranEverywhere = ranOn.size() == read.size();
                String reason = oneTarget != null ? "not pending on " + oneTarget + (file.version() == null
                        ? " (unchanged since it last ran)" : ranEverywhere ? ": applied there" : "")
                        : "pending on none of the " + read.size() + " tenant(s) read" + (file.version() == null
                        ? " (unchanged since it last ran)" : ranEverywhere ? ": applied on every one" : "");
                skipped.add(new Skipped(file.script(), key.equals(file.script()) ? null : key, reason));
            }
        }
        return new LintScope(Mode.PENDING, skipped, ran, allRanUpTo(loaded, ran), oneTarget);
    }

    /**
     * Why {@code plan}'s tenant cannot say what is pending on it, or null when it can: it could not be read, or another
     * tool's history is there and Flotilla's is not (adopt it first).
     */
    public static String unread(TenantPlan plan) {
        if (plan.state() == TenantPlan.State.UNREACHABLE) {
            return plan.stateWord() + ": " + plan.error();
        }
        return plan.problems().stream().filter(p -> p.code() == ErrorCode.FOREIGN_HISTORY).findFirst()
                .map(p -> "another tool's history, not adopted yet: " + p.message()).orElse(null);
    }

    /**
     * This scope knowing where each versioned file ran as the control plane last learned it: on the tenants whose
     * current version is at or above the file's and whose baseline does not hold it ({@code tenants}: how many tenants
     * are at each current version and baseline, {@link Baselined#column}; current null for those never read). A version
     * a tenant's history records as baselined was recorded there without running, and its checksum is never compared
     * there: it did not run. Where the baseline was never learned (null), whether a version ran is not guessed: the
     * tenant is counted apart ({@link Ran#baselineUnknown}). Connects to no tenant.
     */
    public LintScope withRanAsLastLearned(LoadedMigrations loaded, List<TenantCensus.AtVersion> tenants) {
        int of = tenants.stream().mapToInt(TenantCensus.AtVersion::count).sum();
        Map<String, Ran> counted = new LinkedHashMap<>();
        for (Migration file : loaded.versioned()) {
            int count = 0;
            int unknown = 0;
            for (TenantCensus.AtVersion at : tenants) {
                if (appliedAt(at.current(), file.version())) {
                    Baselined baseline = Baselined.parse(at.baseline());
                    if (baseline == null) {
                        unknown += at.count();
                    } else if (!baseline.recordedWithoutRunning(file.version())) {
                        count += at.count();
                    }
                }
            }
            if (count > 0 || unknown > 0) {
                counted.put(file.script(), new Ran(count, of, List.of(), List.of(), unknown));
            }
        }
        return new LintScope(mode, skipped, counted, allRanUpTo(loaded, counted), oneTarget);
    }

    public Mode mode() {
        return mode;
    }

    public List<Skipped> skipped() {
        return skipped;
    }

    /** Where {@code script} already ran, or null when it ran nowhere known (or is a repeatable). */
    public Ran ran(String script) {
        return ran.get(script);
    }

    /** The findings of the files in scope, those of files that already ran somewhere with advice that leaves them be. */
    public LintAcrossDialects.Result apply(LintAcrossDialects.Result result) {
        Set<String> left = skipped.stream().map(Skipped::script).collect(Collectors.toSet());
        List<LintAcrossDialects.Finding> kept = new ArrayList<>();
        for (LintAcrossDialects.Finding found : result.findings()) {
            String script = found.finding().script();
            if (!left.contains(script)) {
                Ran where = ran.get(script);
                kept.add(where == null ? found : new LintAcrossDialects.Finding(found.finding().withRemedy(advice(script,
                        where)), found.dialects()));
            }
        }
        return new LintAcrossDialects.Result(kept, result.problems());
    }

    /** The commands that lint only what has not run yet: {@code --pending}, or {@code --since} the version all ran up to. */
    public String narrower() {
        return "`flotilla lint --pending` or `flotilla lint --since " + (allRanUpTo != null ? allRanUpTo : "VERSION") + "`";
    }

    private String advice(String script, Ran where) {
        String ran;
        if (where.count() == 0) {
            ran = "Whether " + script + " already ran is unknown (" + unknown(where) + "); where it did";
        } else {
            ran = script + " already ran on " + where(where) + (where.baselineUnknown() == 0 ? "" : " (" + unknown(where)
                    + ")");
        }
        String advice = ran + ": editing it, or adding a `-- flotilla:lint-disable`"
                + " line to it, changes its checksum, and Flotilla then reports it as edited there (CHECKSUM_MISMATCH)."
                + " Leave it as it is; if what it did needs mending, do it in a new migration.";
        if (!where.pendingOn().isEmpty()) {
            advice += " It is linted as it is still pending on " + names(where.pendingOn()) + ", where it will run as it is.";
        }
        return mode == Mode.ALL ? advice + " To lint only what has not run yet: " + narrower() + "." : advice;
    }

    /** The tenants at or past the file's version whose baseline the plane has not learned: not guessed, said so. */
    private static String unknown(Ran where) {
        return "baseline unknown on " + where.baselineUnknown() + (where.count() == 0 ? " of " + where.of() : " more")
                + " registered tenant(s)" + (where.count() == 0 ? " at or past its version" : "") + ", as nothing read their"
                + " history since Flotilla keeps baselines: run `flotilla status --fleet --live` to learn it";
    }

    private static String where(Ran where) {
        if (where.tenants().isEmpty()) {
            return (where.count() == where.of() ? "all " + where.of() : where.count() + " of " + where.of())
                    + " registered tenant(s), as the control plane last learned";
        }
        return (where.count() == where.of() ? "every tenant read" : where.count() + " of " + where.of() + " tenants read")
                + " (" + names(where.tenants()) + ")";
    }

    private static String names(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
        return names.size() <= NAMED ? shown : shown + " and " + (names.size() - NAMED) + " more";
    }

    private static boolean appliedAt(String current, MigrationVersion version) {
        if (current == null || current.isBlank()) {
            return false;
        }
        try {
            return MigrationVersion.parse(current).compareTo(version) >= 0;
        } catch (RuntimeException e) {
            return false; // a version Flotilla cannot read says nothing of this file
        }
    }

    private static String allRanUpTo(LoadedMigrations loaded, Map<String, Ran> ran) {
        String upTo = null;
        for (Migration file : loaded.versioned()) {
            Ran where = ran.get(file.script());
            if (where == null || where.count() < where.of()) {
                break;
            }
            upTo = file.version().label();
        }
        return upTo;
    }

    private static List<Migration> inRunOrder(LoadedMigrations loaded) {
        List<Migration> files = new ArrayList<>(loaded.versioned());
        files.addAll(loaded.repeatables());
        return files;
    }
}
