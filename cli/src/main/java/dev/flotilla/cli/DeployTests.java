package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.NotTestedRefusal;
import dev.flotilla.run.TestedPlans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy knows of its tenants' tests before it starts: with deploy.requireTested (or --require-tested) every
 * tenant it would migrate must have passed a dry run of exactly those migrations since it last changed, else nothing is
 * deployed (NOT_TESTED, exit 1; --yes does not override it); without, one warning line names those that did not. A
 * resume or retry is checked by the engine, on the tenants it would run again ({@code FleetRunner#requiringTests}).
 */
final class DeployTests {
    private final TestedPlans tested;
    /** The flag or setting that requires tests, or null when none does. */
    private final String requiredBy;

    private DeployTests(TestedPlans tested, String requiredBy) {
        this.tested = tested;
        this.requiredBy = requiredBy;
    }

    /** @param flag whether --require-tested was given; {@code setting} whether deploy.requireTested is on */
    static DeployTests read(ControlPlane plane, List<TenantPlan> plans, LoadedMigrations migrations, boolean outOfOrder,
                            boolean flag, boolean setting) {
        return new DeployTests(TestedPlans.of(plane, plans, migrations, outOfOrder), requiredBy(flag, setting));
    }

    /** These tests of a deploy that stops at {@code ceiling} before the newest file (null: it does not): see {@link TestedPlans#upTo}. */
    DeployTests upTo(dev.flotilla.migration.MigrationVersion ceiling) {
        return new DeployTests(tested.upTo(ceiling), requiredBy);
    }

    /** The flag or setting that requires tests, as a refusal names it; null when neither does. */
    static String requiredBy(boolean flag, boolean setting) {
        return flag ? "--require-tested" : setting ? "deploy.requireTested" : null;
    }

    /** Whether the deploy must not start. */
    boolean refuses() {
        return requiredBy != null && !tested.allPassed();
    }

    /** Warns, in the summary before the confirmation, about the tenants without a passing test; says nothing otherwise. */
    void warn(Output output) {
        String warning = tested.warning();
        if (warning != null) {
            output.warn(warning);
        }
    }

    /** The deploy's data says it: which tenants were not tested, and why (additive). */
    Map<String, Object> json() {
        return Map.of("tests", tested.json(requiredBy != null));
    }

    /** Refuses the deploy: audited as denied, as the console audits its refusals; no deployment is recorded. */
    int refuse(Output output, ControlPlane plane, String actor, String action, String command) {
        return refused(output, plane, actor, action, null, command, tested.refusal(requiredBy));
    }

    /**
     * Says {@code refusal} of a deploy, or of a resume or retry of {@code deployment} (null for a new deploy), audited as
     * denied {@code action}: its tenants' verdicts in the data, the commands it names (the dry run, then the resume or
     * retry) as commands; nothing was recorded.
     */
    static int refused(Output output, ControlPlane plane, String actor, String action, String deployment, String command,
                       NotTestedRefusal refusal) {
        plane.audit().record(actor, action, null, deployment, refusal.getMessage(), "denied", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", null);
        data.put("total", 0);
        data.put("tests", refusal.tests().json(true));
        // The dry run to run first, then (a resume or retry) the continuation to run again, as it was asked for.
        return output.finish(command, data, List.of(Errors.withCommands(Errors.of(refusal), refusal.advice().commands())));
    }
}
