package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;

/**
 * A deploy, resume or retry refused before it recorded anything, as a tenant it would migrate has no passing dry run of
 * exactly what it would apply there, recorded since the tenant last changed (deploy.requireTested): NOT_TESTED, with the
 * verdicts on its tenants ({@link #tests()}) for a report that lists them.
 */
public final class NotTestedRefusal extends FlotillaException {
    private final transient TestedPlans tests;

    NotTestedRefusal(TestedPlans tests, Advice advice) {
        super(ErrorCode.NOT_TESTED, advice);
        this.tests = tests;
    }

    /** The verdict on each tenant it would have migrated, the dry run that tests those refused included. */
    public TestedPlans tests() {
        return tests;
    }
}
