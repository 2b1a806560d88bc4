package dev.flotilla;

/**
 * Stable, machine-readable error codes. They appear in JSON output and the README; never rename one.
 * Each code belongs to a {@link Category} that decides the CLI exit code.
 */
public enum ErrorCode {
    // bad input: files, usage, configuration (exit 2)
    BAD_USAGE(Category.INPUT),
    BAD_CONFIG(Category.INPUT),
    MIGRATIONS_NOT_FOUND(Category.INPUT),
    UNREADABLE_FILE(Category.INPUT),
    DUPLICATE_VERSION(Category.INPUT),
    ORPHAN_DOWN_FILE(Category.INPUT),
    INVALID_VERSION(Category.INPUT),
    BAD_FILE_NAME(Category.INPUT),
    UNKNOWN_PLACEHOLDER(Category.INPUT),
    SQL_PARSE_ERROR(Category.INPUT),
    UNKNOWN_DIALECT(Category.INPUT),
    // the target refused or failed (exit 1)
    CONNECTION_FAILED(Category.FAILURE),
    AUTHENTICATION_FAILED(Category.FAILURE),
    LOCK_TIMEOUT(Category.FAILURE),
    DEADLOCK(Category.FAILURE),
    /** A statement ran longer than the session's statement timeout: not a defect of its script. */
    STATEMENT_TIMEOUT(Category.FAILURE),
    /** Another session (pg_cancel_backend, KILL QUERY) canceled a statement while it ran. */
    STATEMENT_CANCELED(Category.FAILURE),
    SQL_ERROR(Category.FAILURE),
    CHECKSUM_MISMATCH(Category.FAILURE),
    /**
     * A pending migration adds a foreign key the tenant's schema would refuse: its parent table or column is not there
     * (nor created earlier by the pending migrations), or the column types do not match (MariaDB's errno 150). The tenant
     * is refused before its first pending statement runs.
     */
    FK_PARENT_MISMATCH(Category.FAILURE),
    MISSING_MIGRATION_FILE(Category.FAILURE),
    FAILED_MIGRATION(Category.FAILURE),
    OUT_OF_ORDER(Category.FAILURE),
    NO_DOWN_FILE(Category.FAILURE),
    BASELINE_REFUSED(Category.FAILURE),
    ADOPTION_REFUSED(Category.FAILURE),
    FOREIGN_HISTORY(Category.FAILURE),
    DRIFT_FOUND(Category.FAILURE),
    /**
     * {@code drift --fail-on-drift} could not tell whether a tenant drifted: it was read, but the schema its history
     * should build could not be (status {@code unknown}); a tenant not read at all keeps its own code.
     */
    DRIFT_UNKNOWN(Category.FAILURE),
    /** {@code plan} or {@code status --fleet} with {@code --fail-on pending|any} found a tenant with migrations to apply. */
    MIGRATIONS_PENDING(Category.FAILURE),
    /** {@code status --fleet --fail-on failed|any} found a tenant failed, blocked, interrupted, unreachable or locked. */
    TENANT_FAILED(Category.FAILURE),
    ROLLBACK_REFUSED(Category.FAILURE),
    /** repair would remove the record of a failed migration whose statements stay applied, without --rerun-from-start. */
    REPAIR_REFUSED(Category.FAILURE),
    HOOK_FAILED(Category.FAILURE),
    CLONE_FAILED(Category.FAILURE),
    /**
     * A deploy that requires a passing test (deploy.requireTested, --require-tested) found a tenant with no passing dry run
     * of the very migrations it would apply, recorded since the tenant last changed: nothing was deployed.
     */
    NOT_TESTED(Category.FAILURE),
    TARGET_CHANGED(Category.FAILURE),
    TARGET_MISSING(Category.FAILURE),
    LINT_WARNING(Category.FAILURE),
    CHECK_FAILED(Category.FAILURE),
    ROUND_TRIP_FAILED(Category.FAILURE),
    BACKUP_FAILED(Category.FAILURE),
    RESTORE_FAILED(Category.FAILURE),
    /** A deployment stopped on request before every tenant started: not a failure of its tenants, but not done. */
    DEPLOYMENT_STOPPED(Category.FAILURE),
    /** SIGINT or SIGTERM ended the command before it finished (the CLI's exit code is then the signal's, 130/143). */
    INTERRUPTED(Category.FAILURE),
    TENANT_NOT_FOUND(Category.INPUT),
    /**
     * Every chosen tenant is up to date: nothing was deployed. Not an error of the CLI ({@code deploy} says so and exits
     * 0); the console's wizard, asked to deploy, answers it as a refusal (409) with this code.
     */
    NOTHING_TO_DEPLOY(Category.INPUT),
    /**
     * The tenant's history records no failed migration: nothing to repair. Not an error of the CLI ({@code repair} says so
     * and exits 0); the console's and the API's repair answer it as a refusal (409) with this code.
     */
    NOTHING_TO_REPAIR(Category.INPUT),
    NOT_SUPPORTED_YET(Category.INPUT),
    /**
     * The console or its API refused a request without a valid sign-in or API token (401: none sent, unknown, expired,
     * revoked, or a token on a console page). The command line never answers it.
     */
    UNAUTHORIZED(Category.INPUT),
    /** The console or its API refused a request its user's role may not make, or a form without its CSRF token (403). */
    FORBIDDEN(Category.INPUT),
    /** The API refused a token from an address that sent too many refused ones lately (429, with Retry-After). */
    TOO_MANY_REQUESTS(Category.INPUT),
    INTERNAL(Category.FAILURE);

    /** What kind of problem a code describes. */
    public enum Category {
        /** Bad usage, configuration or input files: nothing was attempted. */
        INPUT,
        /** A migration, target or check failed. */
        FAILURE
    }

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
