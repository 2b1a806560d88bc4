package dev.flotilla.run;

/** Where a dry run applies the migrations before throwing their effects away. */
public enum DryRunMode {
    /** A rolled-back transaction where the dialect and the scripts allow it, otherwise a clone. */
    AUTO,
    /** Inside one transaction on the target, rolled back at the end (PostgreSQL, SQLite). */
    TRANSACTION,
    /** On a scratch copy of the target's structure, dropped at the end (PostgreSQL, MariaDB/MySQL, H2). */
    CLONE;

    /** From {@code auto}, {@code transaction} or {@code clone}, any case; anything else is a usage error. */
    public static DryRunMode parse(String value) {
        return switch (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> AUTO;
            case "transaction" -> TRANSACTION;
            case "clone" -> CLONE;
            default -> throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE,
                    "--mode must be auto, transaction or clone, was '" + value + "'");
        };
    }
}
