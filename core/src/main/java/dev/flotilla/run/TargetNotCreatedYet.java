package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.tenant.TenantId;

/**
 * What a plan and a failed dry run say of a target whose schema or database does not exist yet: a deploy creates it (a new
 * tenant's first deploy), so it is pending from the first migration, yet a typo in {@code tenants add} looks the same
 * until that deploy has made a database nobody meant. Said as a notice, not a blocker: a deploy goes ahead, as it always
 * has. The tenant the control plane knew at a version is another matter (the plan blocks it: TARGET_MISSING).
 */
final class TargetNotCreatedYet {
    private TargetNotCreatedYet() {
    }

    /**
     * Said by a plan of {@code tenant}; {@code noun} is {@code database} or {@code schema}, the target (which names it) says
     * which. Tenants noticed so read alike but for their target, and {@code plan} says them in one line, its deploy and
     * its removal for them all (one {@code tenants remove} naming each, not one per tenant).
     */
    static Advice whenPlanning(String target, String noun, TenantId tenant) {
        return Advice.of(target + ": its " + noun + " does not exist yet: a deploy would create it and run every migration"
                + " from the first: ", Remedy.of("deploy"), ". If its name is a typo, remove the tenant (",
                Remedy.of("tenants remove").forTenant(tenant), ") and add it again under the right name (`flotilla tenants"
                + " add NAME`) before deploying.");
    }

    /**
     * A dry run's failed migration on such a target, its error followed by what the dry run tested: an empty schema or
     * database ({@code copy}, the scratch copy's name; null in a rolled-back transaction), as a deploy would create it.
     *
     * @param noun {@code database NAME} or {@code schema NAME}
     */
    static MigrationRun failedOn(MigrationRun failed, String noun, String copy) {
        String kind = kind(noun);
        return new MigrationRun(failed.version(), failed.description(), failed.script(), failed.kind(), failed.outcome(),
                failed.transactional(), failed.statements(), failed.millis(), failed.failedStatement(), failed.errorCode(),
                failed.advice().followedBy(Advice.plain(" The " + noun + " does not exist: it would be created by deploy,"
                        + " empty, and this was tested on an empty " + kind + (copy == null ? "" : " (" + copy + ", the dry"
                        + " run's scratch copy)") + ", every migration from the first: a deploy would fail the same way. If"
                        + " the tenant's " + kind + " has another name, remove the tenant and add it again under the right"
                        + " name.")));
    }

    /** What {@code noun} (a session's {@code targetNoun()}) names, without its name: database file, database or schema. */
    static String kind(String noun) {
        return noun.startsWith("database file ") ? "database file" : noun.substring(0, noun.indexOf(' '));
    }
}
