package dev.flotilla.plan;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * What is pending on one tenant's target, read from its history table in one query.
 *
 * @param target the target's display name (URL redacted)
 * @param currentVersion the newest version in effect, or null when none
 * @param pending versions (scripts, for repeatables) of the migrations a deploy would apply, in order
 * @param problems what would stop a deploy on this target (a failed migration, an edited file)
 * @param error why the target could not be read, or null
 * @param errorCode the code of that error (AUTHENTICATION_FAILED, CONNECTION_FAILED...), or null
 * @param notice what the plan noticed that does not stop a deploy (tables but no history table), its commands for the
 *     tenant; or null
 * @param baselined the versions recorded as baselined, counted as applied but never run there (editing such a file is
 *     no edit to this target: it is not compared)
 * @param baseline the same as the control plane keeps it: up to the highest baselined version, but the versions whose rows
 *     say they ran there ({@link Baselined})
 */
public record TenantPlan(TenantId tenant, String target, String currentVersion, List<String> pending,
                         List<Problem> problems, String error, ErrorCode errorCode, Advice notice,
                         List<String> baselined, Baselined baseline) {
    /** Where a tenant stands, from the cheapest reading of it. */
    public enum State {
        UP_TO_DATE, PENDING, BLOCKED, UNREACHABLE;

        public String word() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public TenantPlan {
        Objects.requireNonNull(tenant, "tenant");
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
        baselined = List.copyOf(baselined);
        Objects.requireNonNull(baseline, "baseline");
    }

    /** A plan whose {@code baselined} versions are all its history baselined: none below them ran. */
    public TenantPlan(TenantId tenant, String target, String currentVersion, List<String> pending, List<Problem> problems,
                      String error, ErrorCode errorCode, Advice notice, List<String> baselined) {
        this(tenant, target, currentVersion, pending, problems, error, errorCode, notice, baselined,
                Baselined.of(baselined, List.of()));
    }

    /** A plan with no version baselined. */
    public TenantPlan(TenantId tenant, String target, String currentVersion, List<String> pending, List<Problem> problems,
                      String error, ErrorCode errorCode, Advice notice) {
        this(tenant, target, currentVersion, pending, problems, error, errorCode, notice, List.of());
    }

    /**
     * The plan of one tenant. A migration recorded as failed is not applied: it is pending (after a repair a deploy
     * applies it), listed with the others in order, though the problem it raises blocks the tenant until then.
     */
    public static TenantPlan of(TenantId tenant, TargetPlan plan, String target, ValidationPolicy policy) {
        String current = plan.appliedNewestFirst().stream().findFirst().map(MigrationStatus::version).orElse(null);
        java.util.Set<dev.flotilla.migration.Migration> toApply = new java.util.HashSet<>(plan.pending(policy));
        List<String> pending = plan.statuses().stream()
                .filter(s -> s.file() != null && (toApply.contains(s.file()) || failedToApply(s)))
                .map(s -> s.version() != null ? s.version() : s.script()).toList();
        List<String> baselined = baselined(plan);
        Baselined baseline = baselined.isEmpty() ? Baselined.NONE
                : Baselined.of(baselined, plan.appliedNewestFirst().stream().map(MigrationStatus::version).toList());
        // The commands its messages name are for this tenant of the fleet: `flotilla repair --tenants <it>`.
        return new TenantPlan(tenant, target, current, pending, plan.problems(policy).stream()
                .map(p -> p.forTenant(tenant)).toList(), null, null, null, baselined, baseline);
    }

    /** A loop, not a stream: a fleet deploy plans every tenant, and few histories hold a baselined version. */
    private static List<String> baselined(TargetPlan plan) {
        List<String> baselined = null;
        for (MigrationStatus status : plan.statuses()) {
            if (status.state() == MigrationState.BASELINED && status.version() != null) {
                if (baselined == null) {
                    baselined = new java.util.ArrayList<>();
                }
                baselined.add(status.version());
            }
        }
        return baselined == null ? List.of() : baselined;
    }

    /** A migration whose own run failed; a failed rollback leaves its migration applied, not pending. */
    private static boolean failedToApply(MigrationStatus status) {
        return status.state() == MigrationState.FAILED && status.latest() != null
                && status.latest().kind() != dev.flotilla.migration.MigrationKind.UNDO;
    }

    public static TenantPlan unreachable(TenantId tenant, String target, FlotillaException why) {
        return new TenantPlan(tenant, target, null, List.of(), List.of(), why.getMessage(), why.code(), null);
    }

    public State state() {
        if (error != null) {
            return State.UNREACHABLE;
        }
        if (!problems.isEmpty()) {
            return State.BLOCKED;
        }
        return pending.isEmpty() ? State.UP_TO_DATE : State.PENDING;
    }

    /**
     * The state as said to people, as drift says it: a tenant that could not be read because another session holds it is
     * "locked"; one whose server refused its login (a wrong password) is "refused": reached, and readable again once its
     * login is fixed, not the network.
     */
    public String stateWord() {
        return state() == State.UNREACHABLE ? Unread.word(errorCode, state().word()) : state().word();
    }

    /** The reason a deploy would not go through here, or null. */
    public String blocker() {
        return error != null ? error : problems.isEmpty() ? null : problems.get(0).message();
    }

    /** This plan for another tenant sharing the same target, the commands its messages name for that tenant. */
    public TenantPlan forTenant(TenantId other) {
        return new TenantPlan(other, target, currentVersion, pending, problems.stream().map(p -> new Problem(p.code(),
                p.advice().retarget(tenant, other), p.migration())).toList(), error, errorCode,
                notice == null ? null : notice.retarget(tenant, other), baselined, baseline);
    }

    /**
     * This plan with {@code scrub} applied to what it says (its problems quoting a history row's error, why it could not
     * be read, its notice); itself when it says none of them, as most tenants' plans do.
     */
    public TenantPlan masked(java.util.function.UnaryOperator<String> scrub) {
        if (problems.isEmpty() && error == null && notice == null) {
            return this;
        }
        return new TenantPlan(tenant, target, currentVersion, pending, problems.stream().map(p -> p.masked(scrub)).toList(),
                error == null ? null : scrub.apply(error), errorCode, notice == null ? null : notice.masked(scrub), baselined,
                baseline);
    }

    /** This plan of a tenant that could not be read, its error said as {@code why}. */
    public TenantPlan withError(String why) {
        return new TenantPlan(tenant, target, currentVersion, pending, problems, why, errorCode, notice, baselined, baseline);
    }

    /** This plan with {@code more} problems after its own (already written for its tenant). */
    public TenantPlan withProblems(List<Problem> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Problem> all = new java.util.ArrayList<>(problems);
        all.addAll(more);
        return new TenantPlan(tenant, target, currentVersion, pending, all, error, errorCode, notice, baselined, baseline);
    }

    /** This plan with {@code said} noticed, its commands written for this plan's tenant. */
    public TenantPlan withNotice(Advice said) {
        return new TenantPlan(tenant, target, currentVersion, pending, problems, error, errorCode, said.forTenant(tenant),
                baselined, baseline);
    }
}
