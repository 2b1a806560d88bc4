package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The findings about the migration files that a plan makes on the selected tenants before any deployment starts,
 * and that a deploy therefore refuses up front, as Flyway's validate-on-migrate does: an applied file edited
 * ({@code CHECKSUM_MISMATCH}), an applied file gone ({@code MISSING_MIGRATION_FILE}), a pending file older than what
 * is applied ({@code OUT_OF_ORDER}, unless let through). They are facts about the files, not the tenants: run, such a
 * tenant fails without running anything, and a fleet of healthy tenants would be recorded as failed. A migration
 * recorded as failed on a tenant is that tenant's own state, and stays its own failure in the deployment. Stateless.
 */
public final class FleetValidation {
    /** The codes a validation policy can let through: what is wrong with the files rather than the tenant. */
    private static final Set<ErrorCode> ABOUT_THE_FILES = Set.of(ErrorCode.CHECKSUM_MISMATCH,
            ErrorCode.MISSING_MIGRATION_FILE, ErrorCode.OUT_OF_ORDER);
    /** How many tenants a finding names before "and N more". */
    private static final int NAMED = 5;

    private FleetValidation() {
    }

    /**
     * One finding per file and kind, naming the tenants it blocks (count and the first few) and what to do; empty when
     * the files are fine everywhere. {@code asked} is the selection as given ({@code --all}, {@code --group G}), used in
     * a remedy command when a finding blocks every planned tenant; null to name the tenants.
     */
    public static List<Problem> findings(List<TenantPlan> plans, LoadedMigrations migrations, String asked) {
        return findings(plans, migrations, asked, Refused.DEPLOY);
    }

    /** As above, each finding saying what {@code refused} was and how to run it once the files are right. */
    static List<Problem> findings(List<TenantPlan> plans, LoadedMigrations migrations, String asked, Refused refused) {
        Map<Key, List<TenantId>> blocked = new LinkedHashMap<>();
        for (TenantPlan plan : plans) {
            plan.problems().stream().filter(p -> ABOUT_THE_FILES.contains(p.code()))
                    .map(p -> new Key(p.code(), p.migration())).distinct()
                    .forEach(key -> blocked.computeIfAbsent(key, k -> new ArrayList<>()).add(plan.tenant()));
        }
        List<Problem> findings = new ArrayList<>();
        blocked.forEach((key, tenants) -> {
            String selection = asked != null && tenants.size() == plans.size() ? asked
                    : "--tenants " + tenants.stream().map(TenantId::value).collect(Collectors.joining(","));
            findings.add(new Problem(key.code(), message(key, tenants, selection, migrations, refused), key.migration()));
        });
        return findings;
    }

    /** The planned tenants the files are wrong on, in order. */
    public static List<TenantId> blocked(List<TenantPlan> plans) {
        return plans.stream().filter(p -> p.problems().stream().anyMatch(q -> ABOUT_THE_FILES.contains(q.code())))
                .map(TenantPlan::tenant).toList();
    }

    /** Refuses a deploy, before it records anything, when the files are wrong on any of the planned tenants. */
    public static void require(List<TenantPlan> plans, LoadedMigrations migrations, String asked) {
        require(plans, migrations, asked, Refused.DEPLOY);
    }

    /** As above, for {@code refused} ({@link FilesRefusal}, with the findings). */
    static void require(List<TenantPlan> plans, LoadedMigrations migrations, String asked, Refused refused) {
        List<Problem> findings = findings(plans, migrations, asked, refused);
        if (!findings.isEmpty()) {
            throw new FilesRefusal(findings, blocked(plans).size());
        }
    }

    /** What the finding says, its commands as values: the repair with {@code selection}, the deploy it refused. */
    private static Advice message(Key key, List<TenantId> tenants, String selection, LoadedMigrations migrations,
                                  Refused what) {
        String file = file(key.migration(), migrations).map(Migration::script).orElse(null);
        String named = named(key.migration(), file);
        String on = tenants.size() + " tenant(s) (" + first(tenants) + ")";
        String refused = ". " + what.nothing() + " ";
        Advice without = what.otherwise();
        return switch (key.code()) {
            case CHECKSUM_MISMATCH -> Advice.of(named + " was edited after it was applied on " + on + refused + "Restore"
                    + " the file as it was applied (from version control); or, if the edit is intended, accept it with ",
                    realign(selection), without);
            case MISSING_MIGRATION_FILE -> Advice.of(named + " is applied on " + on + " but no migration file has that"
                    + " version" + refused + "Restore the file from version control", without);
            default -> Advice.of(named + " is pending on " + on + ", which have a higher version applied" + refused
                    + "Renumber it above the newest applied version; or pass --out-of-order to apply it anyway", without);
        };
    }

    /** {@code repair <selection> --realign-checksums}, the selection ({@code --group eu}) word by word. */
    private static Remedy realign(String selection) {
        List<String> words = new ArrayList<>(List.of(selection.split(" ")));
        words.add("--realign-checksums");
        return Remedy.of("repair", words.toArray(String[]::new));
    }

    /** "V7__dedupe.sql (version 7)", "version 7" when no file has it, or a repeatable's script. */
    private static String named(String migration, String file) {
        if (file == null) {
            return "Version " + migration;
        }
        return file.equals(migration) ? file : file + " (version " + migration + ")";
    }

    private static Optional<Migration> file(String migration, LoadedMigrations migrations) {
        if (migration == null) {
            return Optional.empty();
        }
        Optional<Migration> byScript = migrations.migrations().stream().filter(m -> m.script().equals(migration)).findFirst();
        if (byScript.isPresent()) {
            return byScript;
        }
        try {
            return migrations.find(MigrationVersion.parse(migration));
        } catch (IllegalArgumentException notAVersion) {
            return Optional.empty();
        }
    }

    private static String first(List<TenantId> tenants) {
        String names = tenants.stream().limit(NAMED).map(TenantId::value).collect(Collectors.joining(", "));
        return tenants.size() > NAMED ? names + " and " + (tenants.size() - NAMED) + " more" : names;
    }

    private record Key(ErrorCode code, String migration) {
    }

    /**
     * What a finding says was refused ({@code nothing}: what was not done) and, ending its remedy, the other way
     * ({@code otherwise}).
     */
    record Refused(String nothing, Advice otherwise) {
        static final Refused DEPLOY = new Refused("Nothing was deployed: no deployment was recorded and no tenant changed.",
                Advice.plain(", or deploy without these tenants (--tenants or --group naming the others)."));

        /** A resume of {@code deployment}, or with {@code failedOnly} a retry of its failed tenants. */
        static Refused continuing(String deployment, boolean failedOnly) {
            Remedy again = failedOnly ? Remedy.retryFailed(deployment) : Remedy.of("deploy", "--resume", deployment);
            return new Refused("The " + (failedOnly ? "retry" : "resume") + " of " + deployment + " was refused before it"
                    + " ran or recorded anything: " + deployment + " and its tenants stay as they were.",
                    Advice.of("; then ", again, " again."));
        }
    }
}
