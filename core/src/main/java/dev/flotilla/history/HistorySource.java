package dev.flotilla.history;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Identifiers;
import java.util.Locale;

/**
 * Where another tool kept a target's applied migrations: Flyway's {@code flyway_schema_history}, Laravel's
 * {@code migrations}, Liquibase's {@code DATABASECHANGELOG}, or a home-grown table ({@code table:NAME}, such as
 * seed 004's {@code schema_migrations}).
 */
public record HistorySource(Tool tool, String table) {
    /** The tools Flotilla reads the history of. */
    public enum Tool { FLYWAY, LARAVEL, LIQUIBASE, TABLE }

    public HistorySource {
        Identifiers.require(table, "history table");
    }

    /** {@code flyway}, {@code laravel}, {@code liquibase} or {@code table:NAME}. */
    public static HistorySource parse(String text) {
        String value = text == null ? "" : text.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "flyway" -> new HistorySource(Tool.FLYWAY, "flyway_schema_history");
            case "laravel" -> new HistorySource(Tool.LARAVEL, "migrations");
            case "liquibase" -> new HistorySource(Tool.LIQUIBASE, "databasechangelog");
            default -> {
                if (value.toLowerCase(Locale.ROOT).startsWith("table:") && value.length() > 6) {
                    yield new HistorySource(Tool.TABLE, value.substring(6));
                }
                throw new FlotillaException(ErrorCode.BAD_USAGE, "Unknown history source '" + text + "': write flyway,"
                        + " laravel, liquibase or table:NAME (a table of your own, e.g. table:schema_migrations).");
            }
        };
    }

    /** How the source is named in messages: {@code flyway (flyway_schema_history)}. */
    public String describe() {
        return tool.name().toLowerCase(Locale.ROOT) + " (" + table + ")";
    }
}
