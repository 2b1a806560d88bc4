package dev.flotilla.run;

/**
 * Work a migration run does under the target lock, after reading the history and before applying anything: a
 * deployment's backup, which then holds the target exactly as the pending migrations find it (another run's
 * migration is either committed or not started), and is taken only when something is pending.
 */
@FunctionalInterface
interface BeforeApplying {
    BeforeApplying NOTHING = pending -> { };

    /** Runs with {@code pending} migrations about to be applied (0: the target is up to date). */
    void run(int pending);
}
